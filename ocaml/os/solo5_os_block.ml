(* solo5_os_block.ml: Mirage_block.S over solo5_block_read/solo5_block_write, transferring whole Cstruct buffers (many sectors at once) without copies. *)

external acquire : string -> (int * int * int) option = "tenor_os_block_acquire"

(* These return 0, else a negated solo5_result_t (solo5_os_io_stubs.c). *)
external block_read : int -> int -> Cstruct.buffer -> int -> int -> int = "tenor_os_block_read"
  [@@noalloc]

external block_write : int -> int -> Cstruct.buffer -> int -> int -> int = "tenor_os_block_write"
  [@@noalloc]

type error = [ Mirage_block.error | `Invalid of string | `Solo5 of string ]

let pp_error ppf = function
  | #Mirage_block.error as e -> Mirage_block.pp_error ppf e
  | `Invalid why | `Solo5 why -> Fmt.string ppf why

type write_error = [ Mirage_block.write_error | `Invalid of string | `Solo5 of string ]

let pp_write_error ppf = function
  | #Mirage_block.write_error as e -> Mirage_block.pp_write_error ppf e
  | `Invalid why | `Solo5 why -> Fmt.string ppf why

let max_request = 1024 * 1024

type t = {
  name : string;
  handle : int;
  capacity : int;
  sector_size : int;
  info : Mirage_block.info;
  mutable connected : bool;
}

let connect name =
  match acquire name with
  | None ->
      Lwt.fail_with
        (Printf.sprintf
           "Block.connect %S: the unikernel's manifest declares no block device '%s', or it is connected already: declare it in manifest.json ({\"name\": \"%s\", \"type\": \"BLOCK_BASIC\"}) and connect it once"
           name name name)
  | Some (handle, capacity, sector_size) ->
      let size_sectors = Int64.of_int (capacity / sector_size) in
      let info = { Mirage_block.read_write = true; sector_size; size_sectors } in
      Lwt.return { name; handle; capacity; sector_size; info; connected = true }

let disconnect t =
  t.connected <- false;
  Lwt.return_unit

let get_info t = Lwt.return t.info

(* The largest multiple of the sector size that one call may move. *)
let chunk_limit t = max t.sector_size (max_request / t.sector_size * t.sector_size)

let check t sector buffers =
  let byte_offset = Int64.to_int sector * t.sector_size in
  let total = List.fold_left (fun sum b -> sum + Cstruct.length b) 0 buffers in
  match List.find_opt (fun b -> Cstruct.length b mod t.sector_size <> 0) buffers with
  | Some b ->
      Error
        (Printf.sprintf "block device '%s': a buffer of %d bytes is not a whole number of %d-byte sectors" t.name
           (Cstruct.length b) t.sector_size)
  | None ->
      if Int64.compare sector 0L < 0 || Int64.compare sector t.info.size_sectors > 0
         || total > t.capacity - byte_offset
      then
        Error
          (Printf.sprintf "block device '%s': %d bytes at sector %Ld do not fit in its %Ld sectors" t.name total
             sector t.info.size_sectors)
      else Ok byte_offset

(* Moves one buffer in calls of at most [chunk_limit t] bytes. *)
let rec transfer_buffer t call name offset (b : Cstruct.t) done_bytes =
  if done_bytes = b.len then Ok ()
  else
    let n = min (chunk_limit t) (b.len - done_bytes) in
    let code = call t.handle (offset + done_bytes) b.buffer (b.off + done_bytes) n in
    if code = 0 then transfer_buffer t call name offset b (done_bytes + n)
    else
      let why = if code = -2 then "SOLO5_R_EINVAL" else "SOLO5_R_EUNSPEC" in
      Error
        (`Solo5
          (Printf.sprintf "block device '%s': %s of %d bytes at byte %d failed with %s" t.name name n
             (offset + done_bytes) why))

let rec transfer t call name offset = function
  | [] -> Ok ()
  | b :: rest -> (
      match transfer_buffer t call name offset b 0 with
      | Ok () -> transfer t call name (offset + Cstruct.length b) rest
      | Error _ as e -> e)

let run t call name sector buffers =
  if not t.connected then Error `Disconnected
  else
    match check t sector buffers with
    | Error why -> Error (`Invalid why)
    | Ok offset -> transfer t call name offset buffers

let read t sector buffers =
  Lwt.return (run t block_read "solo5_block_read" sector buffers :> (unit, error) result)

let write t sector buffers =
  Lwt.return (run t block_write "solo5_block_write" sector buffers :> (unit, write_error) result)
