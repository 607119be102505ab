(* solo5_os_block.mli: Solo5 block devices as MirageOS block devices (Solo5_os.Block, a Mirage_block.S). *)

type error = [ Mirage_block.error | `Invalid of string | `Solo5 of string ]
(** [`Invalid why]: a request the device cannot take (a buffer that is not a
    whole number of sectors, a range past the end); [`Solo5 why]: the
    monitor failed the request. *)

val pp_error : error Fmt.t

type write_error = [ Mirage_block.write_error | `Invalid of string | `Solo5 of string ]

val pp_write_error : write_error Fmt.t

type t

val connect : string -> t Lwt.t
(** [connect name] acquires the block device the manifest declares as
    [name]; it fails (with [Failure], saying what to fix) if there is none or
    it was connected already. *)

val disconnect : t -> unit Lwt.t
(** Every later request fails with [`Disconnected]. *)

val get_info : t -> Mirage_block.info Lwt.t
(** Always [read_write = true]: Solo5 devices are writable. *)

val read : t -> int64 -> Cstruct.t list -> (unit, error) result Lwt.t
(** [read t sector buffers] reads into each buffer in turn, from [sector] on,
    straight into the buffers' memory. Each buffer is read in as few calls
    as possible: one per {!max_request} bytes. The requests are synchronous:
    the result is resolved already. *)

val write : t -> int64 -> Cstruct.t list -> (unit, write_error) result Lwt.t
(** As [read], the other way. Each call is all or nothing; a list of buffers
    or a buffer above {!max_request} bytes is not. *)

val max_request : int
(** The largest transfer of one Solo5 call: 1 MiB (tenor's limit,
    [TENOR_HVT_BLOCK_IO_MAX]). *)
