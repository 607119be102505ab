(* solo5_os_netif.ml: Mirage_net.S over solo5_net_read/solo5_net_write, reading into and writing from Bigarrays without copies. *)

external acquire : string -> (int * string * int) option = "tenor_os_net_acquire"

(* These return a byte count or 0, else a negated solo5_result_t (see
   solo5_os_io_stubs.c). *)
external net_read : int -> Cstruct.buffer -> int -> int -> int = "tenor_os_net_read" [@@noalloc]
external net_write : int -> Cstruct.buffer -> int -> int -> int = "tenor_os_net_write" [@@noalloc]

type error = [ Mirage_net.Net.error | `Solo5 of string ]

let pp_error ppf = function
  | #Mirage_net.Net.error as e -> Mirage_net.Net.pp_error ppf e
  | `Solo5 why -> Fmt.string ppf why

let solo5_again = -1
let ethernet_header = 14
let frames_per_buffer = 32
let frames_per_batch = 64

type t = {
  name : string;
  handle : int;
  mac : Macaddr.t;
  mtu : int;
  mutable connected : bool;
  stats : Mirage_net.stats;
  tx : Cstruct.t;  (** the transmit buffer: one frame of [mtu + 14] bytes *)
  mutable rx : Cstruct.t;  (** what is left of the current receive buffer *)
}

let connect name =
  match acquire name with
  | None ->
      Lwt.fail_with
        (Printf.sprintf
           "Netif.connect %S: the unikernel's manifest declares no net device '%s', or it is connected already: declare it in manifest.json ({\"name\": \"%s\", \"type\": \"NET_BASIC\"}) and connect it once"
           name name name)
  | Some (handle, mac, mtu) ->
      Lwt.return
        {
          name;
          handle;
          mac = Macaddr.of_octets_exn mac;
          mtu;
          connected = true;
          stats = Mirage_net.Stats.create ();
          tx = Cstruct.create (mtu + ethernet_header);
          rx = Cstruct.empty;
        }

let disconnect t =
  t.connected <- false;
  Solo5_os_main.wake_handle t.handle;
  Lwt.return_unit

let mac t = t.mac
let mtu t = t.mtu
let handle t = Int64.of_int t.handle
let get_stats_counters t = t.stats
let reset_stats_counters t = Mirage_net.Stats.reset t.stats

let solo5_failure t operation code =
  let why = if code = -2 then "SOLO5_R_EINVAL" else "SOLO5_R_EUNSPEC" in
  `Solo5 (Printf.sprintf "net device '%s': %s failed with %s" t.name operation why)

let ok = Lwt.return (Ok ())
let disconnected = Lwt.return (Error `Disconnected)
let invalid_length = Lwt.return (Error `Invalid_length)

let write t ~size fill =
  if not t.connected then disconnected
  else if size < 0 || size > Cstruct.length t.tx then invalid_length
  else begin
    let frame = Cstruct.sub t.tx 0 size in
    Cstruct.memset frame 0;
    let length = fill frame in
    if length < 0 || length > size then invalid_length
    else
      let code = net_write t.handle t.tx.buffer t.tx.off length in
      if code = 0 then begin
        Mirage_net.Stats.tx t.stats (Int64.of_int length);
        ok
      end
      else Lwt.return (Error (solo5_failure t "solo5_net_write" code))
  end

(* Slices start 16-byte aligned, as the headers behind them like. *)
let align16 n = (n + 15) land lnot 15

type received = Frame of Cstruct.t | Again | Failed of int

(* Reads one frame into the current receive buffer, starting a new buffer
   when the rest cannot hold a frame of [size] bytes. *)
let receive t size =
  if Cstruct.length t.rx < size then t.rx <- Cstruct.create_unsafe (frames_per_buffer * align16 size);
  let rx = t.rx in
  let code = net_read t.handle rx.buffer rx.off size in
  if code > 0 then begin
    let frame = Cstruct.sub rx 0 code in
    t.rx <- Cstruct.shift rx (min (Cstruct.length rx) (align16 code));
    Mirage_net.Stats.rx t.stats (Int64.of_int code);
    Frame frame
  end
  else if code = solo5_again then Again
  else Failed code

let listen t ~header_size callback =
  (* solo5_net_read needs room for a whole frame: mtu + the Ethernet header. *)
  let size = max (header_size + t.mtu) (t.mtu + ethernet_header) in
  let rec loop budget =
    if not t.connected then ok
    else if budget = 0 then Lwt.bind (Lwt.pause ()) (fun () -> loop frames_per_batch)
    else
      match receive t size with
      | Frame frame ->
          Lwt.async (fun () -> callback frame);
          loop (budget - 1)
      | Again -> Lwt.bind (Solo5_os_main.wait_for_work_on_handle (Int64.of_int t.handle)) (fun () -> loop frames_per_batch)
      | Failed code -> Lwt.return (Error (solo5_failure t "solo5_net_read" code))
  in
  loop frames_per_batch
