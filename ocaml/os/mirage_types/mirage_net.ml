(* mirage_net.ml: tenor's copy of MirageOS 4's Mirage_net: the signature of Ethernet devices, their errors and statistics. *)

module Net = struct
  type error = [ `Invalid_length | `Disconnected ]

  let pp_error ppf = function
    | `Invalid_length -> Fmt.string ppf "invalid length (larger than the buffer or the device's MTU)"
    | `Disconnected -> Fmt.string ppf "the network device is disconnected"
end

type stats = {
  mutable rx_bytes : int64;
  mutable rx_pkts : int32;
  mutable tx_bytes : int64;
  mutable tx_pkts : int32;
}

module Stats = struct
  let create () = { rx_bytes = 0L; rx_pkts = 0l; tx_bytes = 0L; tx_pkts = 0l }

  let rx s bytes =
    s.rx_pkts <- Int32.succ s.rx_pkts;
    s.rx_bytes <- Int64.add s.rx_bytes bytes

  let tx s bytes =
    s.tx_pkts <- Int32.succ s.tx_pkts;
    s.tx_bytes <- Int64.add s.tx_bytes bytes

  let reset s =
    s.rx_bytes <- 0L;
    s.rx_pkts <- 0l;
    s.tx_bytes <- 0L;
    s.tx_pkts <- 0l
end

(** A network interface that sends and receives Ethernet frames. *)
module type S = sig
  type error = private [> Net.error ]

  val pp_error : error Fmt.t

  type t

  val disconnect : t -> unit Lwt.t
  (** Stops [listen]; the device can no longer be used. *)

  val write : t -> size:int -> (Cstruct.t -> int) -> (unit, error) result Lwt.t
  (** [write t ~size fill] gives [fill] a zeroed buffer of [size] bytes
      (at most [mtu t] plus the Ethernet header) and sends its first [n]
      bytes as one frame, [n] being what [fill] returns. *)

  val listen : t -> header_size:int -> (Cstruct.t -> unit Lwt.t) -> (unit, error) result Lwt.t
  (** [listen t ~header_size f] calls [f frame], in a thread of its own, for
      every frame received (at most [header_size + mtu t] bytes), until
      [disconnect t]. [f] owns [frame]. *)

  val mac : t -> Macaddr.t

  val mtu : t -> int
  (** The largest payload of a frame, without the Ethernet header. *)

  val get_stats_counters : t -> stats

  val reset_stats_counters : t -> unit
end
