(* mirage_time.ml: tenor's copy of MirageOS 4's Mirage_time signature (sleeping), for code written against MirageOS. *)

(** Suspending the current Lwt thread for a while. *)
module type S = sig
  val sleep_ns : int64 -> unit Lwt.t
  (** [sleep_ns n] is a promise resolved once [n] nanoseconds of monotonic
      time have passed. Cancelling it stops the wait. *)
end
