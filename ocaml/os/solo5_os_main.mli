(* solo5_os_main.mli: the unikernel's Lwt main loop (Solo5_os.Main): timers, paused threads and network readiness through solo5_yield. *)

val run : unit Lwt.t -> unit
(** [run t] runs Lwt until [t] is resolved, then returns; if [t] fails, its
    exception is raised. Each turn of the loop runs the hooks of
    {!at_enter_iter}, wakes the threads paused with [Lwt.pause], resolves the
    sleeps whose deadline passed and checks [t]; then, unless threads are
    paused (when it only polls), it suspends the unikernel with [solo5_yield]
    until the next sleep's deadline (or one second, if no thread sleeps) or
    until a network device has input, and wakes the threads waiting for
    every device that has. *)

val wait_for_work_on_handle : int64 -> unit Lwt.t
(** [wait_for_work_on_handle h] is resolved at the first turn of the main
    loop after which the network device of handle [h] has input pending (or
    {!wake_handle}). As in MirageOS, a reader reads until [SOLO5_R_AGAIN]
    before it waits. *)

val at_enter_iter : (unit -> unit) -> unit
(** [at_enter_iter f] makes the main loop call [f ()] at the start of every
    turn (e.g. to feed an entropy pool with the cycle counter). *)

val wake_handle : int -> unit
(** [wake_handle h] wakes the threads waiting on handle [h] now, as when it
    has input: a device that disconnects uses it to stop its readers. *)

val iterations : unit -> int
(** Turns of the loop so far; [yields ()] of them called [solo5_yield]. *)

val yields : unit -> int
