(* mirage_block.ml: tenor's copy of MirageOS 4's Mirage_block: the signature of block devices, their errors and information. *)

type error = [ `Disconnected ]

let pp_error ppf `Disconnected = Fmt.string ppf "the block device is disconnected"

type write_error = [ error | `Is_read_only ]

let pp_write_error ppf = function
  | #error as e -> pp_error ppf e
  | `Is_read_only -> Fmt.string ppf "the block device is read-only"

type info = {
  read_write : bool;  (** whether the device can be written *)
  sector_size : int;  (** the unit of I/O, in bytes *)
  size_sectors : int64;  (** the device's size in sectors *)
}

let pp_info ppf i =
  Fmt.pf ppf "{ read_write = %b; sector_size = %d; size_sectors = %Ld }" i.read_write i.sector_size
    i.size_sectors

(** A device of fixed-size sectors. *)
module type S = sig
  type nonrec error = private [> error ]

  val pp_error : error Fmt.t

  type nonrec write_error = private [> write_error ]

  val pp_write_error : write_error Fmt.t

  type t

  val disconnect : t -> unit Lwt.t

  val get_info : t -> info Lwt.t

  val read : t -> int64 -> Cstruct.t list -> (unit, error) result Lwt.t
  (** [read t sector buffers] fills [buffers], one after the other, from
      sector [sector] on. Every buffer's length is a multiple of the sector
      size. *)

  val write : t -> int64 -> Cstruct.t list -> (unit, write_error) result Lwt.t
  (** [write t sector buffers] writes [buffers], one after the other, from
      sector [sector] on, with the same rules as [read]. *)
end
