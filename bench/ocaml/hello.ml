(* hello.ml: the smallest OCaml unikernel, for the boot-time benchmark: the runtime starts, prints one line and exits. *)

let () = print_endline "hello from OCaml"
