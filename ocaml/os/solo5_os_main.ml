(* solo5_os_main.ml: the Lwt main loop of MirageOS's solo5 layer: run paused threads and expired sleeps, then solo5_yield until the next deadline or network input. *)

external monotonic_ns : unit -> (int64[@unboxed])
  = "tenor_os_clock_monotonic_byte" "tenor_os_clock_monotonic"
  [@@noalloc]

(* [yield deadline] returns the network handles with input pending: bit N-1
   stands for handle N (solo5_os_io_stubs.c). Deadlines and the set are
   OCaml ints, so a turn of the loop allocates nothing of its own. *)
external yield : int -> int = "tenor_os_yield" [@@noalloc]

(* Handles are manifest indices 1..63: one condition per possible handle. *)
let max_handles = 64
let waiters = Array.init max_handles (fun _ -> Lwt_condition.create ())
let hooks = ref []
let iteration_count = ref 0
let yield_count = ref 0

(* Without a sleeping thread the loop still wakes up once a second: a
   deadline that far is as good as none and never overflows. *)
let idle_ns = 1_000_000_000

let wait_for_work_on_handle handle =
  let h = Int64.to_int handle in
  if h < 0 || h >= max_handles then
    invalid_arg (Printf.sprintf "Solo5_os.Main.wait_for_work_on_handle: %Ld is not a Solo5 handle (1..63)" handle);
  Lwt_condition.wait waiters.(h)

let wake_handle h = Lwt_condition.broadcast waiters.(h) ()
let at_enter_iter f = hooks := !hooks @ [ f ]
let iterations () = !iteration_count
let yields () = !yield_count

let rec wake_ready set handle =
  if set <> 0 then begin
    if set land 1 <> 0 then wake_handle handle;
    wake_ready (set lsr 1) (handle + 1)
  end

(* Paused threads must run again at once: then the yield only polls the
   devices (a deadline in the past returns immediately). *)
let next_deadline () =
  if Lwt.paused_count () > 0 then 0
  else
    let sleeper : int = Solo5_os_time.next_deadline () in
    let idle = Int64.to_int (monotonic_ns ()) + idle_ns in
    if sleeper < idle then sleeper else idle

let run t =
  let rec loop () =
    incr iteration_count;
    List.iter (fun hook -> hook ()) !hooks;
    Lwt.wakeup_paused ();
    Solo5_os_time.wake_expired (Int64.to_int (monotonic_ns ()));
    match Lwt.poll t with
    | Some () -> ()
    | None ->
        incr yield_count;
        wake_ready (yield (next_deadline ())) 1;
        loop ()
  in
  loop ()
