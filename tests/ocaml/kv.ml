(* kv.ml: a small key-value store on a block device: the first boot writes checksummed records, the next boot (same image) reads them back and verifies them. *)

open Lwt.Infix

let failures = ref 0

let check what ok =
  if not ok then begin
    incr failures;
    Fmt.pr "FAIL: %s@." what
  end

(* The store's layout: a 4 KiB directory at sector 0 (magic, record count,
   then per record its first sector, length and MD5), then the records, each
   starting on a sector boundary. The directory is written last, so a store
   is complete once it is readable. *)
let magic = "TENORKV1"
let directory_bytes = 4096
let entry_bytes = 24
let max_records = (directory_bytes - 16) / entry_bytes

type entry = { first_sector : int; length : int; digest : string }

(* Record [i]: key "key-<i>" and a value that the next boot can make again.
   One record is 1.5 MiB, more than one Solo5 call moves. *)
let record_count = 40
let key i = Fmt.str "key-%03d" i

let value i =
  let length = if i = 7 then (3 * 1024 * 1024) / 2 else 100 + (i * 997 mod 20000) in
  let state = Random.State.make [| i; 0x5eed |] in
  String.init length (fun _ -> Char.chr (Random.State.int state 256))

let encode i =
  let k = key i and v = value i in
  let b = Buffer.create (String.length v + 16) in
  Buffer.add_uint16_le b (String.length k);
  Buffer.add_string b k;
  Buffer.add_string b v;
  Buffer.contents b

(* The store works on any MirageOS block device. *)
module Store (B : Mirage_block.S) = struct
  let fail_block what e = Lwt.fail_with (Fmt.str "%s: %a" what B.pp_error e)
  let fail_write what e = Lwt.fail_with (Fmt.str "%s: %a" what B.pp_write_error e)
  let round_up n unit = (n + unit - 1) / unit * unit

  (* A whole number of sectors holding [data], cut into up to three buffers
     so that writes and reads take lists, as MirageOS's do. *)
  let sector_buffers sector_size data =
    let padded = Cstruct.create (round_up (max 1 (String.length data)) sector_size) in
    Cstruct.blit_from_string data 0 padded 0 (String.length data);
    let sectors = Cstruct.length padded / sector_size in
    if sectors < 3 then [ padded ]
    else
      let cut1 = sector_size and cut2 = (sectors / 2) * sector_size in
      [ Cstruct.sub padded 0 cut1; Cstruct.sub padded cut1 (cut2 - cut1);
        Cstruct.sub padded cut2 (Cstruct.length padded - cut2) ]

  let write_directory b entries =
    let dir = Cstruct.create directory_bytes in
    Cstruct.blit_from_string magic 0 dir 0 8;
    Cstruct.LE.set_uint32 dir 8 (Int32.of_int (List.length entries));
    List.iteri
      (fun i e ->
        let at = 16 + (i * entry_bytes) in
        Cstruct.LE.set_uint32 dir at (Int32.of_int e.first_sector);
        Cstruct.LE.set_uint32 dir (at + 4) (Int32.of_int e.length);
        Cstruct.blit_from_string e.digest 0 dir (at + 8) 16)
      entries;
    B.write b 0L [ dir ] >>= function Ok () -> Lwt.return_unit | Error e -> fail_write "directory" e

  let read_directory b =
    let dir = Cstruct.create directory_bytes in
    B.read b 0L [ dir ] >>= function
    | Error e -> fail_block "directory" e
    | Ok () ->
        if Cstruct.to_string (Cstruct.sub dir 0 8) <> magic then Lwt.return None
        else
          let count = Int32.to_int (Cstruct.LE.get_uint32 dir 8) in
          let entry i =
            let at = 16 + (i * entry_bytes) in
            { first_sector = Int32.to_int (Cstruct.LE.get_uint32 dir at);
              length = Int32.to_int (Cstruct.LE.get_uint32 dir (at + 4));
              digest = Cstruct.to_string (Cstruct.sub dir (at + 8) 16) }
          in
          Lwt.return (Some (List.init (min count max_records) entry))

  let store b (info : Mirage_block.info) =
    let ss = info.sector_size in
    let rec put i sector entries =
      if i = record_count then Lwt.return (List.rev entries)
      else
        let data = encode i in
        let buffers = sector_buffers ss data in
        B.write b (Int64.of_int sector) buffers >>= function
        | Error e -> fail_write (key i) e
        | Ok () ->
            let e = { first_sector = sector; length = String.length data; digest = Digest.string data } in
            put (i + 1) (sector + (Cstruct.lenv buffers / ss)) (e :: entries)
    in
    put 0 (directory_bytes / ss) [] >>= fun entries ->
    write_directory b entries >|= fun () -> entries

  (* Reads every record back, checks its MD5 and that it is the record this
     program writes; returns how many were right. *)
  let verify b (info : Mirage_block.info) entries =
    let ss = info.sector_size in
    Lwt_list.fold_left_s
      (fun (i, good) e ->
        let buffers = sector_buffers ss (String.make e.length '\000') in
        B.read b (Int64.of_int e.first_sector) buffers >|= function
        | Error err ->
            check (Fmt.str "reading %s: %a" (key i) B.pp_error err) false;
            (i + 1, good)
        | Ok () ->
            let data = Cstruct.to_string (Cstruct.sub (Cstruct.concat buffers) 0 e.length) in
            let digest_ok = Digest.string data = e.digest and content_ok = data = encode i in
            check (Fmt.str "%s: checksum %s" (key i) (if digest_ok then "ok" else "wrong")) digest_ok;
            check (Fmt.str "%s: the value read is the value written" (key i)) content_ok;
            (i + 1, if digest_ok && content_ok then good + 1 else good))
      (0, 0) entries
    >|= snd

  (* Requests the device must refuse, each with its own error. *)
  let refused b (info : Mirage_block.info) =
    let past_end = Int64.sub info.size_sectors 1L in
    B.read b 0L [ Cstruct.create 100 ] >>= fun partial ->
    B.read b past_end [ Cstruct.create (2 * info.sector_size) ] >|= fun beyond ->
    let refused = function Ok () -> false | Error _ -> true in
    (match partial with Error e -> Fmt.pr "a 100-byte read: %a@." B.pp_error e | Ok () -> ());
    (match beyond with Error e -> Fmt.pr "a read past the end: %a@." B.pp_error e | Ok () -> ());
    check "a read of part of a sector is refused" (refused partial);
    check "a read past the end is refused" (refused beyond)
end

module Kv = Store (Solo5_os.Block)

let main () =
  Solo5_os.Block.connect "storage" >>= fun b ->
  Solo5_os.Block.get_info b >>= fun info ->
  Fmt.pr "storage: %a@." Mirage_block.pp_info info;
  Kv.read_directory b >>= function
  | None ->
      Kv.store b info >>= fun entries ->
      let bytes = List.fold_left (fun sum e -> sum + e.length) 0 entries in
      Fmt.pr "first boot: stored %d records (%d bytes)@." (List.length entries) bytes;
      Kv.verify b info entries >>= fun good ->
      Fmt.pr "read back at once: %d of %d records verified@." good (List.length entries);
      Kv.refused b info
  | Some entries ->
      Kv.verify b info entries >|= fun good ->
      Fmt.pr "after a reboot: %d of %d records verified@." good (List.length entries);
      check (Fmt.str "the store holds %d records, not %d" record_count (List.length entries))
        (List.length entries = record_count)

let () =
  Solo5_os.Main.run (main ());
  if !failures = 0 then print_endline "SUCCESS" else Fmt.pr "FAILURE: %d checks failed@." !failures
