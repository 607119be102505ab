(* differential.ml: deterministic output exercising the libc-backed parts of OCaml; run natively on Linux and as a unikernel, the outputs must match byte for byte. *)

let section name = Printf.printf "== %s\n" name

let floats =
  [ 0.0; -0.0; 1.0; -1.0; 0.1; 0.5; 1.5; 2.0; 3.141592653589793; 2.718281828459045; 1e-300; 5e-324;
    2.2250738585072014e-308; 1.7976931348623157e308; 123456.789; -98765.4321; 1e21; 1e22; 1e-7;
    0.30000000000000004; 100.0; 1024.5; 6.02214076e23; 1.602176634e-19; infinity; neg_infinity; nan ]

let printf_formats () =
  section "Printf";
  List.iter (fun i -> Printf.printf "%d %i %x %X %o %u %5d|%-5d|%05d %+d\n" i i i i i i i i i i)
    [ 0; 1; -1; 42; 255; 65535; -123456; max_int; min_int ];
  List.iter (fun f ->
      Printf.printf "%e|%E|%f|%g|%G|%h|%H|%.3e|%.0f|%.12g|%.17g|%12.4f|%-12.3e|%F\n"
        f f f f f f f f f f f f f f)
    floats;
  Printf.printf "%s|%S|%c|%C|%b|%B|%10s|%-10s|%%\n" "text" "a \"quoted\"\n" 'x' '\n' true false "right" "left";
  Printf.printf "%Ld %Lx %ld %lx %nd %nx\n" Int64.min_int (-1L) Int32.min_int (-1l) (-5n) 255n;
  Printf.printf "%*d|%-*d|%.*f\n" 8 42 8 42 3 3.14159

let conversions () =
  section "float_of_string";
  List.iter (fun s ->
      match float_of_string_opt s with
      | Some f -> Printf.printf "%s -> %.17g %h\n" s f f
      | None -> Printf.printf "%s -> invalid\n" s)
    [ "0"; "1"; "-1.5"; "0.1"; "1e23"; "8.589973e9"; "2.2250738585072011e-308"; "4.9e-324"; "1e-400";
      "1e400"; "0x1.8p1"; "0x.8p-1"; "  12.5"; "1_000.5"; "inf"; "-infinity"; "nan"; "1.7976931348623158e308";
      "123456789012345678901234567890"; "0.000000000000000000000000000001"; "3.14abc"; ""; "." ];
  section "string_of_float";
  List.iter (fun f -> Printf.printf "%s %s\n" (string_of_float f) (Float.to_string f)) floats;
  section "int_of_string";
  List.iter (fun s ->
      match int_of_string_opt s with
      | Some i -> Printf.printf "%s -> %d\n" s i
      | None -> Printf.printf "%s -> invalid\n" s)
    [ "0"; "-42"; "0x7fffffffffffffff"; "0b1011"; "0o777"; "4611686018427387903"; "4611686018427387904";
      "1_000_000"; "12a" ]

let integers () =
  section "Int64 and Int32";
  let values = [ 0L; 1L; -1L; 1000000007L; Int64.max_int; Int64.min_int; 0x123456789abcdefL ] in
  List.iter (fun a ->
      List.iter (fun b ->
          let div = if b = 0L then "-" else Int64.to_string (Int64.div a b) in
          let rem = if b = 0L then "-" else Int64.to_string (Int64.rem a b) in
          Printf.printf "%Ld %Ld: %Ld %Ld %Ld %s %s %Lx %Lx %Lx\n" a b (Int64.add a b) (Int64.sub a b)
            (Int64.mul a b) div rem (Int64.logand a b) (Int64.logor a b) (Int64.logxor a b))
        values)
    values;
  List.iter (fun a ->
      Printf.printf "%ld %ld %ld %lu %s %f\n" a (Int32.mul a 7l) (Int32.shift_right a 3)
        (Int32.shift_right_logical a 3) (Int32.to_string (Int32.neg a)) (Int32.to_float a))
    [ 0l; 1l; -1l; Int32.max_int; Int32.min_int; 123456789l ];
  Printf.printf "%Ld %Ld %f\n" (Int64.of_float 1e18) (Int64.bits_of_float 1.5) (Int64.float_of_bits 4611686018427387904L)

let buffers () =
  section "Buffer";
  let b = Buffer.create 4 in
  for i = 1 to 1000 do Buffer.add_string b (string_of_int i); Buffer.add_char b ',' done;
  Buffer.add_utf_8_uchar b (Uchar.of_int 0x20AC);
  Printf.bprintf b "[%08.3f]" 3.14159;
  Printf.printf "%d %s %s\n" (Buffer.length b) (Buffer.sub b 0 40) (Digest.to_hex (Digest.string (Buffer.contents b)))

let formats () =
  section "Format";
  let pp_list = Format.pp_print_list ~pp_sep:(fun ppf () -> Format.fprintf ppf ";@ ") Format.pp_print_int in
  Format.printf "@[<v 2>box:@,@[<hov 2>%a@]@,%s@]@." pp_list (List.init 40 (fun i -> i * i)) "end";
  Format.printf "%a@." (Format.pp_print_list ~pp_sep:Format.pp_print_space Format.pp_print_float) [ 1.0; 0.1; 1e100 ];
  print_string (Format.asprintf "@[%d@ %s@ %g@ %b@]" 42 "str" 2.5e-10 true);
  print_newline ()

let hashtables () =
  section "Hashtbl";
  let h = Hashtbl.create 8 in
  for i = 0 to 200 do Hashtbl.replace h (Printf.sprintf "key%d" (i * 7919 mod 1000)) (i * i) done;
  let keys = List.sort compare (Hashtbl.fold (fun k v acc -> Printf.sprintf "%s=%d" k v :: acc) h []) in
  Printf.printf "%d %s\n" (Hashtbl.length h) (String.concat " " (List.filteri (fun i _ -> i < 20) keys));
  List.iter (fun v -> Printf.printf "%d " (Hashtbl.hash v)) [ "a"; "tenor"; "" ];
  Printf.printf "%d %d %d\n" (Hashtbl.hash 42) (Hashtbl.hash 3.14) (Hashtbl.hash [ 1; 2; 3 ]);
  (* Iteration order depends only on the hash function, the same on both sides. *)
  Hashtbl.iter (fun k v -> if v mod 997 = 0 then Printf.printf "%s:%d " k v) h;
  print_newline ()

let random () =
  section "Random";
  Random.init 42;
  for _ = 1 to 5 do
    Printf.printf "%d %d %Ld %f %b\n" (Random.int 1000) (Random.bits ()) (Random.int64 1000000000000L)
      (Random.float 1.0) (Random.bool ())
  done;
  let s = Random.State.make [| 1; 2; 3 |] in
  Printf.printf "%d %f\n" (Random.State.int s 100) (Random.State.float s 10.0)

(* IEEE 754 defines these operations exactly, so both libraries must agree
   to the last bit. *)
let exact x = Printf.sprintf "%.17g" x

(* The other libm functions are only faithfully rounded, and glibc's and
   musl's differ in the last bit for some arguments (cbrt, erfc and hypot
   do here); 15 significant digits hide one ulp but nothing worse. The sign
   of a NaN from an invalid argument is unspecified too. *)
let approximate x = if Float.is_nan x then "nan" else Printf.sprintf "%.15g" x

let math () =
  section "math";
  let args = [ 0.0; 1e-10; 0.5; 1.0; 2.0; 3.0; 10.0; 100.0; 1e10; -0.5; -2.0; 0.7853981633974483 ] in
  let unary =
    [ ("sin", sin, approximate); ("cos", cos, approximate); ("tan", tan, approximate);
      ("asin", asin, approximate); ("acos", acos, approximate); ("atan", atan, approximate);
      ("sinh", sinh, approximate); ("cosh", cosh, approximate); ("tanh", tanh, approximate);
      ("exp", exp, approximate); ("expm1", expm1, approximate); ("log", log, approximate);
      ("log10", log10, approximate); ("log1p", log1p, approximate); ("log2", Float.log2, approximate);
      ("exp2", Float.exp2, approximate); ("cbrt", Float.cbrt, approximate); ("erf", Float.erf, approximate);
      ("erfc", Float.erfc, approximate); ("acosh", Float.acosh, approximate);
      ("asinh", Float.asinh, approximate); ("atanh", Float.atanh, approximate); ("sqrt", sqrt, exact);
      ("ceil", ceil, exact); ("floor", floor, exact); ("trunc", Float.trunc, exact); ("round", Float.round, exact) ]
  in
  List.iter (fun (name, f, show) ->
      Printf.printf "%s:" name;
      List.iter (fun x -> Printf.printf " %s" (show (f x))) args;
      print_newline ())
    unary;
  let pairs = [ (1.0, 2.0); (2.0, 0.5); (-3.0, 4.0); (10.0, 3.0); (0.1, 0.2); (1e300, 1e300); (2.0, -1074.0) ] in
  let binary =
    [ ("pow", ( ** ), approximate); ("atan2", atan2, approximate); ("hypot", Float.hypot, approximate);
      ("fmod", Float.rem, exact); ("copysign", Float.copy_sign, exact); ("min", Float.min, exact);
      ("max", Float.max, exact) ]
  in
  List.iter (fun (name, f, show) ->
      Printf.printf "%s:" name;
      List.iter (fun (x, y) -> Printf.printf " %s" (show (f x y))) pairs;
      print_newline ())
    binary;
  List.iter (fun x ->
      let m, e = frexp x in
      let fr, ip = modf x in
      Printf.printf "%g: frexp %s %d ldexp %s modf %s %s fma %s succ %h\n" x (exact m) e (exact (ldexp x 3))
        (exact fr) (exact ip) (exact (Float.fma x 3.0 1e-17)) (Float.succ x))
    [ 1.0; 0.1; 1234.5678; -7.25; 5e-324 ]

let () =
  printf_formats ();
  conversions ();
  integers ();
  buffers ();
  formats ();
  hashtables ();
  random ();
  math ();
  print_endline "END"
