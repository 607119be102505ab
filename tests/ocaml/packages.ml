(* packages.ml: a unikernel using Debian's cstruct (with C stubs) and lwt, built by the tenor-ocaml command line. *)

let () =
  let c = Cstruct.create 64 in
  Cstruct.blit_from_string "hello, cstruct" 0 c 0 14;
  Cstruct.BE.set_uint32 c 16 0xdeadbeefl;
  let d = Cstruct.create 64 in
  (* blit, equal, compare and memset are C stubs of libcstruct_stubs.a. *)
  Cstruct.blit c 0 d 0 64;
  let same = Cstruct.equal c d in
  Cstruct.memset d 0xff;
  let ordered = Cstruct.compare c d < 0 in
  let text = Cstruct.to_string ~off:0 ~len:14 c in
  let word = Cstruct.BE.get_uint32 c 16 in
  let sum =
    let open Lwt.Infix in
    Lwt.return 20 >>= fun x -> Lwt.return (x + 22)
  in
  let lwt_ok = match Lwt.state sum with Lwt.Return 42 -> true | _ -> false in
  Printf.printf "cstruct: %S %lx same=%b ordered=%b; lwt: %b\n" text word same ordered lwt_ok;
  print_endline (if same && ordered && text = "hello, cstruct" && word = 0xdeadbeefl && lwt_ok then "SUCCESS" else "FAILURE")
