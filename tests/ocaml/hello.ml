(* hello.ml: the OCaml runtime in a unikernel: GC (minor and major), exceptions, Hashtbl, Int64, floats, argv. *)

let failures = ref 0

let check what ok =
  if not ok then begin
    incr failures;
    Printf.printf "FAILED: %s\n%!" what
  end

exception Found of int

let gc () =
  let before = Gc.quick_stat () in
  (* Short-lived lists fill the minor heap many times over; a kept array of
     strings survives into the major heap. *)
  let kept = Array.make 20_000 "" in
  for i = 0 to 200_000 do
    let l = List.init 10 (fun j -> i + j) in
    if i mod 10 = 0 then kept.(i / 10 mod 20_000) <- string_of_int (List.fold_left ( + ) 0 l)
  done;
  Gc.full_major ();
  Gc.compact ();
  let after = Gc.quick_stat () in
  check "minor collections ran" (after.Gc.minor_collections > before.Gc.minor_collections);
  check "major collections ran" (after.Gc.major_collections > before.Gc.major_collections);
  check "a compaction ran" (after.Gc.compactions > before.Gc.compactions);
  check "words were promoted" (after.Gc.promoted_words > before.Gc.promoted_words);
  check "kept data survived" (kept.(1) = string_of_int (10 * 10 + 45));
  Printf.printf "gc: %d minor, %d major collections, %d compactions\n"
    (after.Gc.minor_collections - before.Gc.minor_collections)
    (after.Gc.major_collections - before.Gc.major_collections)
    (after.Gc.compactions - before.Gc.compactions)

let exceptions () =
  let r = try List.iter (fun x -> if x * x > 50 then raise (Found x)) [ 1; 3; 5; 7; 9 ]; 0 with Found x -> x in
  check "a raised exception is caught" (r = 9);
  check "Not_found from Hashtbl.find" (try ignore (Hashtbl.find (Hashtbl.create 1) "x"); false with Not_found -> true);
  check "Invalid_argument from String.sub" (try ignore (String.sub "abc" 2 5); false with Invalid_argument _ -> true);
  check "Division_by_zero" (try ignore (1 / (Sys.opaque_identity 0)); false with Division_by_zero -> true);
  check "Failure from int_of_string" (try ignore (int_of_string "12x"); false with Failure _ -> true);
  let rec deep n = if n = 0 then raise Exit else 1 + deep (n - 1) in
  check "an exception unwinds 10000 frames" (try ignore (deep 10_000); false with Exit -> true);
  check "Fun.protect runs its finaliser"
    (let cleaned = ref false in
     (try Fun.protect ~finally:(fun () -> cleaned := true) (fun () -> failwith "x") with Failure _ -> ());
     !cleaned)

let hashtbl () =
  let h = Hashtbl.create 16 in
  for i = 0 to 99_999 do Hashtbl.replace h (string_of_int i) i done;
  check "Hashtbl holds 100000 bindings" (Hashtbl.length h = 100_000);
  check "Hashtbl finds a binding" (Hashtbl.find h "31337" = 31337);
  for i = 0 to 49_999 do Hashtbl.remove h (string_of_int (2 * i)) done;
  check "Hashtbl removes" (Hashtbl.length h = 50_000 && not (Hashtbl.mem h "31338"));
  check "Hashtbl.hash is stable" (Hashtbl.hash "tenor" = Hashtbl.hash (String.concat "" [ "te"; "nor" ]))

let int64 () =
  check "Int64 max" (Int64.to_string Int64.max_int = "9223372036854775807");
  check "Int64 overflow wraps" (Int64.add Int64.max_int 1L = Int64.min_int);
  check "Int64 multiply" (Int64.mul 3037000499L 3037000499L = 9223372030926249001L);
  check "Int64 division" (Int64.div (-7L) 2L = -3L && Int64.rem (-7L) 2L = -1L);
  check "Int64 shifts" (Int64.shift_right_logical (-1L) 60 = 15L);
  check "Int64 of_string hex" (Int64.of_string "0x7fffffffffffffff" = Int64.max_int);
  check "Int32 wraps" (Int32.add Int32.max_int 1l = Int32.min_int)

let floats () =
  check "sqrt 2" (Printf.sprintf "%.17g" (sqrt 2.0) = "1.4142135623730951");
  check "float_of_string round trip" (float_of_string "0.1" +. float_of_string "0.2" = 0.30000000000000004);
  check "string_of_float" (string_of_float 1e100 = "1e+100");
  check "exp and log" (abs_float (log (exp 10.0) -. 10.0) < 1e-12);
  check "pow" (2.0 ** 0.5 = sqrt 2.0);
  check "nan compares unequal" (nan <> nan && Float.is_nan (0.0 /. Sys.opaque_identity 0.0));
  check "infinity" (1.0 /. Sys.opaque_identity 0.0 = infinity);
  check "%e formatting" (Printf.sprintf "%e" 12345.678 = "1.234568e+04");
  check "%h formatting" (Printf.sprintf "%h" 1.5 = "0x1.8p+0");
  check "truncate and round" (truncate (-2.7) = -2 && Float.round 2.5 = 3.0);
  check "fma" (Float.fma 2.0 3.0 1.0 = 7.0)

(* What docs/ocaml.md promises about the OS services a unikernel lacks. *)
let limits () =
  check "open_in fails with ENOSYS's message"
    (try ignore (open_in "/etc/passwd"); false with Sys_error m -> m = "/etc/passwd: Function not implemented");
  check "the environment is empty" (Sys.getenv_opt "HOME" = None && Sys.getenv_opt "PATH" = None);
  check "no file exists" (not (Sys.file_exists "/"));
  check "Sys.command is unavailable" (try ignore (Sys.command "ls"); false with Invalid_argument _ -> true);
  check "Sys.signal fails" (try ignore (Sys.signal Sys.sigint Sys.Signal_ignore); false with Sys_error _ -> true);
  check "Sys.time runs" (Sys.time () > 0.0);
  check "Unix time is after 2020" (Int64.div (Solo5_os.Clock.wall_ns ()) 1_000_000_000L > 1_577_836_800L);
  let t0 = Solo5_os.Clock.monotonic_ns () in
  check "the monotonic clock advances" (Solo5_os.Clock.monotonic_ns () >= t0)

let () =
  Printf.printf "hello from OCaml %s on tenor; argv = [%s]\n" Sys.ocaml_version
    (String.concat "; " (Array.to_list Sys.argv));
  check "argv[0] is the unikernel's name" (Sys.argv.(0) = "hello");
  gc ();
  exceptions ();
  hashtbl ();
  int64 ();
  floats ();
  limits ();
  if !failures = 0 then print_endline "SUCCESS"
  else begin
    Printf.printf "FAILURE: %d checks failed\n" !failures;
    exit 1
  end
