(* mirage_flow.ml: tenor's copy of the parts of MirageOS 4's Mirage_flow that the console signature uses. *)

type write_error = [ `Closed ]

let pp_write_error ppf (`Closed : write_error) = Fmt.string ppf "attempted to write to a closed flow"

type 'a or_eof = [ `Data of 'a | `Eof ]

(** A byte stream. *)
module type S = sig
  type error

  val pp_error : error Fmt.t

  type nonrec write_error = private [> write_error ]

  val pp_write_error : write_error Fmt.t

  type flow

  val read : flow -> (Cstruct.t or_eof, error) result Lwt.t
  (** The next data available, [`Eof] once the other end closed. *)

  val write : flow -> Cstruct.t -> (unit, write_error) result Lwt.t

  val writev : flow -> Cstruct.t list -> (unit, write_error) result Lwt.t

  val close : flow -> unit Lwt.t
end
