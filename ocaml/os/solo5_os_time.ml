(* solo5_os_time.ml: Lwt sleeps kept in a binary min-heap of deadlines on the monotonic clock. *)

external monotonic_ns : unit -> (int64[@unboxed])
  = "tenor_os_clock_monotonic_byte" "tenor_os_clock_monotonic"
  [@@noalloc]

(* Deadlines are OCaml ints (nanoseconds of the monotonic clock fit in 63
   bits for 146 years), so comparing them allocates nothing. The sequence
   number keeps sleeps with equal deadlines in the order they began. *)
type sleeper = {
  deadline : int;
  seq : int;
  waker : unit Lwt.u;
  mutable cancelled : bool;
}

let dummy = { deadline = max_int; seq = max_int; waker = snd (Lwt.wait ()); cancelled = true }
let heap = ref (Array.make 64 dummy)
let size = ref 0
let next_seq = ref 0

let earlier a b = a.deadline < b.deadline || (a.deadline = b.deadline && a.seq < b.seq)

let swap a i j =
  let t = a.(i) in
  a.(i) <- a.(j);
  a.(j) <- t

let rec sift_up a i =
  if i > 0 then begin
    let parent = (i - 1) / 2 in
    if earlier a.(i) a.(parent) then begin
      swap a i parent;
      sift_up a parent
    end
  end

let rec sift_down a n i =
  let left = (2 * i) + 1 in
  if left < n then begin
    let right = left + 1 in
    let child = if right < n && earlier a.(right) a.(left) then right else left in
    if earlier a.(child) a.(i) then begin
      swap a i child;
      sift_down a n child
    end
  end

let push s =
  if !size = Array.length !heap then begin
    let bigger = Array.make (2 * !size) dummy in
    Array.blit !heap 0 bigger 0 !size;
    heap := bigger
  end;
  !heap.(!size) <- s;
  incr size;
  sift_up !heap (!size - 1)

(* Removes the earliest sleeper; the slot it leaves holds [dummy], so that the
   heap keeps no finished promise alive. *)
let pop () =
  let a = !heap in
  let top = a.(0) in
  decr size;
  a.(0) <- a.(!size);
  a.(!size) <- dummy;
  sift_down a !size 0;
  top

let deadline_after ns =
  let now = Int64.to_int (monotonic_ns ()) in
  let delay = if Int64.compare ns 0L <= 0 then 0 else Int64.to_int ns in
  (* A delay too long to add is a sleep that never ends. *)
  if delay > max_int - now then max_int else now + delay

let sleep_ns ns =
  let promise, waker = Lwt.task () in
  let s = { deadline = deadline_after ns; seq = !next_seq; waker; cancelled = false } in
  incr next_seq;
  Lwt.on_cancel promise (fun () -> s.cancelled <- true);
  push s;
  promise

let wake_expired now =
  while !size > 0 && !heap.(0).deadline <= now do
    let s = pop () in
    if not s.cancelled then Lwt.wakeup s.waker ()
  done

let rec next_deadline () =
  if !size = 0 then max_int
  else if !heap.(0).cancelled then begin
    ignore (pop ());
    next_deadline ()
  end
  else !heap.(0).deadline

let pending () = !size
