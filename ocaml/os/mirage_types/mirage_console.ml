(* mirage_console.ml: tenor's copy of MirageOS 4's Mirage_console signature: a text console as a flow. *)

module type S = sig
  type t

  val disconnect : t -> unit Lwt.t

  include Mirage_flow.S with type flow = t
end
