(* solo5_os_netif.mli: Solo5 network devices as MirageOS network interfaces (Solo5_os.Netif, a Mirage_net.S). *)

type error = [ Mirage_net.Net.error | `Solo5 of string ]
(** [`Solo5 why]: the monitor refused a frame or failed to send or receive
    it. *)

val pp_error : error Fmt.t

type t

val connect : string -> t Lwt.t
(** [connect name] acquires the net device the manifest declares as [name].
    It fails (with [Failure], saying what to fix) if the manifest declares no
    such net device or it was connected already. *)

val disconnect : t -> unit Lwt.t
(** Makes [listen] return [Ok ()] and every later [write] fail with
    [`Disconnected]. Solo5 cannot release a device: it cannot be connected
    again. *)

val write : t -> size:int -> (Cstruct.t -> int) -> (unit, error) result Lwt.t
(** As in Mirage_net.S. The buffer given to the fill function is the
    device's own transmit buffer, zeroed: it is valid only until the function
    returns (the frame is copied out by [solo5_net_write]), so nothing is
    allocated per frame. [`Invalid_length] if [size] exceeds [mtu t + 14] or
    the function returns more than [size] or less than 0. *)

val listen : t -> header_size:int -> (Cstruct.t -> unit Lwt.t) -> (unit, error) result Lwt.t
(** As in Mirage_net.S. Frames are read straight into large receive buffers
    ([frames_per_buffer] frames each) and handed out as slices, so one
    Bigarray is allocated per [frames_per_buffer] frames; a slice is never
    reused, so each callback owns its frame. After [frames_per_batch] frames
    in a row, [listen] lets other threads run ([Lwt.pause]). *)

val mac : t -> Macaddr.t
val mtu : t -> int
val get_stats_counters : t -> Mirage_net.stats
val reset_stats_counters : t -> unit

val handle : t -> int64
(** The Solo5 handle of the device. *)

val frames_per_buffer : int
val frames_per_batch : int
