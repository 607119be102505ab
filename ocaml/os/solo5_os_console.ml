(* solo5_os_console.ml: a Mirage_console.S over solo5_console_write, writing Cstruct buffers without copies. *)

external console_write : Cstruct.buffer -> int -> int -> unit = "tenor_os_console_write_buffer"
  [@@noalloc]

type error = [ `Not_readable ]

let pp_error ppf `Not_readable = Fmt.string ppf "the Solo5 console cannot be read"

type write_error = Mirage_flow.write_error

let pp_write_error = Mirage_flow.pp_write_error

type t = { mutable closed : bool }
type flow = t

let connect (_ : string) = Lwt.return { closed = false }

let close t =
  t.closed <- true;
  Lwt.return_unit

let disconnect = close
let read (_ : t) = Lwt.return (Ok `Eof)
let closed = Lwt.return (Error `Closed)
let written = Lwt.return (Ok ())

let write t (b : Cstruct.t) =
  if t.closed then closed
  else begin
    console_write b.buffer b.off b.len;
    written
  end

let writev t buffers =
  if t.closed then closed
  else begin
    List.iter (fun (b : Cstruct.t) -> console_write b.buffer b.off b.len) buffers;
    written
  end

let log t line =
  Lwt.map (fun (_ : (unit, write_error) result) -> ()) (writev t [ Cstruct.of_string (line ^ "\n") ])
