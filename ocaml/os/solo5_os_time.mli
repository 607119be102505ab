(* solo5_os_time.mli: Lwt sleeps over the monotonic clock (Solo5_os.Time, a Mirage_time.S); Solo5_os.Main wakes them. *)

val sleep_ns : int64 -> unit Lwt.t
(** [sleep_ns n] is resolved once [n] nanoseconds have passed on the monotonic
    clock (at once, at the next turn of the main loop, if [n <= 0]). It is
    cancelable: [Lwt.cancel], as [Lwt.pick] does for the losers, drops the
    sleep. Sleeps with the same deadline are woken in the order they began. *)

(**/**)

(* For Solo5_os.Main. *)

val wake_expired : int -> unit
(** [wake_expired now] resolves every sleep whose deadline is [now] (ns of the
    monotonic clock) or earlier, earliest first. *)

val next_deadline : unit -> int
(** The earliest deadline of a sleep still pending, [max_int] if none. *)

val pending : unit -> int
(** The number of sleeps in the queue (cancelled ones may still count until
    their deadline). *)
