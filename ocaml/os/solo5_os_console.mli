(* solo5_os_console.mli: the Solo5 console as a MirageOS console device (Solo5_os.Console_solo5, a Mirage_console.S). *)

type error = [ `Not_readable ]

val pp_error : error Fmt.t

type write_error = Mirage_flow.write_error

val pp_write_error : write_error Fmt.t

type t
type flow = t

val connect : string -> t Lwt.t
(** [connect name] is the console; every name gives the one Solo5 console,
    which [name] only labels. *)

val disconnect : t -> unit Lwt.t

val read : t -> (Cstruct.t Mirage_flow.or_eof, error) result Lwt.t
(** A Solo5 console has no input: always [`Eof]. *)

val write : t -> Cstruct.t -> (unit, write_error) result Lwt.t
(** Writes the buffer to the console as is, without copying it; [`Closed]
    after [close] or [disconnect]. *)

val writev : t -> Cstruct.t list -> (unit, write_error) result Lwt.t
val close : t -> unit Lwt.t

val log : t -> string -> unit Lwt.t
(** [log t line] writes [line] and a newline. *)
