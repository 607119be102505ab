(* mirage_clock.ml: tenor's copy of MirageOS 4's Mirage_clock signatures (PCLOCK, the wall clock, and MCLOCK, the monotonic clock). *)

(** The POSIX (wall) clock: time since the UNIX epoch, as days and
    picoseconds, as Ptime's [v] takes them. *)
module type PCLOCK = sig
  val now_d_ps : unit -> int * int64
  (** [now_d_ps ()] is [(d, ps)]: [d] days and [ps] picoseconds (in
      [0, 86_400_000_000_000_000L)) since 1970-01-01 00:00:00 UTC. *)

  val current_tz_offset_s : unit -> int option
  (** The local time zone's offset from UTC in seconds, if known. *)

  val period_d_ps : unit -> (int * int64) option
  (** The clock's resolution, if known. *)
end

(** The monotonic clock: nanoseconds since an arbitrary point, never going
    backwards. *)
module type MCLOCK = sig
  val elapsed_ns : unit -> int64
  (** Nanoseconds since an unspecified point in the past. *)

  val period_ns : unit -> int64 option
  (** The clock's resolution, if known. *)
end
