(* solo5_os_clocks.mli: the monotonic and wall clocks as MirageOS's MCLOCK and PCLOCK (Solo5_os.Mclock, Solo5_os.Pclock). *)

module Mclock : sig
  val elapsed_ns : unit -> int64
  (** [solo5_clock_monotonic ()]: nanoseconds since an unspecified point. *)

  val period_ns : unit -> int64 option
  (** [None]: Solo5 does not say. *)
end

module Pclock : sig
  val now_d_ps : unit -> int * int64
  (** [solo5_clock_wall ()] as days and picoseconds since the UNIX epoch. *)

  val current_tz_offset_s : unit -> int option
  (** [None]: a unikernel has no time zone. *)

  val period_d_ps : unit -> (int * int64) option
  (** [None]: Solo5 does not say. *)
end
