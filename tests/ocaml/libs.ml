(* libs.ml: Debian's fmt, logs, duration, ipaddr and macaddr at work in a unikernel, the OS layer's console device and memory statistics, and its errors for undeclared devices. *)

open Lwt.Infix

let failures = ref 0

let check what ok =
  if not ok then begin
    incr failures;
    Fmt.pr "FAIL: %s@." what
  end

let expect what ~expected actual =
  Fmt.pr "%s: %s@." what actual;
  check (Fmt.str "%s is %S, expected %S" what actual expected) (actual = expected)

let fmt_and_duration () =
  expect "Fmt list" ~expected:"[1; 2; 3]" (Fmt.str "%a" Fmt.(brackets (list ~sep:semi int)) [ 1; 2; 3 ]);
  expect "Fmt pair" ~expected:"(a, 1.5)" (Fmt.str "%a" Fmt.(parens (pair ~sep:comma string float)) ("a", 1.5));
  expect "Duration.of_min 90" ~expected:"5400000000000" (Int64.to_string (Duration.of_min 90));
  expect "Duration.pp" ~expected:"1h30m" (Fmt.str "%a" Duration.pp (Duration.of_min 90));
  expect "Duration.to_ms" ~expected:"2500" (string_of_int (Duration.to_ms (Duration.of_ms 2500)))

let addresses () =
  let v4 = Ipaddr.V4.of_string_exn "10.0.0.2" in
  let prefix = Ipaddr.V4.Prefix.of_string_exn "10.0.0.0/24" in
  expect "IPv4" ~expected:"10.0.0.2" (Ipaddr.V4.to_string v4);
  check "10.0.0.2 is in 10.0.0.0/24" (Ipaddr.V4.Prefix.mem v4 prefix);
  check "10.0.1.2 is not in 10.0.0.0/24" (not (Ipaddr.V4.Prefix.mem (Ipaddr.V4.of_string_exn "10.0.1.2") prefix));
  expect "IPv6" ~expected:"2001:db8::1" (Ipaddr.to_string (Ipaddr.of_string_exn "2001:0db8:0:0:0:0:0:1"));
  check "Ipaddr refuses 300.1.1.1" (Result.is_error (Ipaddr.V4.of_string "300.1.1.1"));
  let mac = Macaddr.of_string_exn "02:00:5e:10:00:01" in
  expect "MAC" ~expected:"02:00:5e:10:00:01" (Macaddr.to_string mac);
  check "02:... is locally administered" (Macaddr.is_local mac);
  check "Macaddr refuses 02:00:5e" (Result.is_error (Macaddr.of_string "02:00:5e"))

(* Logs through a reporter of our own, whose output this test reads back. *)
let logs () =
  let lines = ref [] in
  let report src level ~over k msgf =
    msgf (fun ?header:_ ?tags:_ fmt ->
        Fmt.kstr
          (fun line ->
            lines := line :: !lines;
            over ();
            k ())
          ("%a %s: " ^^ fmt) Logs.pp_level level (Logs.Src.name src))
  in
  Logs.set_reporter { Logs.report };
  let src = Logs.Src.create "libs" in
  Logs.Src.set_level src (Some Logs.Info);
  Logs.info ~src (fun m -> m "hello %d" 42);
  Logs.debug ~src (fun m -> m "not shown");
  Logs.warn ~src (fun m -> m "careful");
  expect "Logs" ~expected:"INFO libs: hello 42 | WARNING libs: careful" (String.concat " | " (List.rev !lines));
  expect "Logs.warn_count" ~expected:"1" (string_of_int (Logs.warn_count ()))

let console () =
  Solo5_os.Console_solo5.connect "console" >>= fun c ->
  Solo5_os.Console_solo5.write c (Cstruct.of_string "console device: written from a Cstruct\n") >>= fun r ->
  check "the console takes a write" (r = Ok ());
  Solo5_os.Console_solo5.read c >>= fun input ->
  check "the console has no input" (input = Ok `Eof);
  Solo5_os.Console_solo5.close c >>= fun () ->
  Solo5_os.Console_solo5.write c (Cstruct.of_string "never printed\n") >|= fun r ->
  check "a closed console refuses writes" (r = Error `Closed)

let memory () =
  let m = Solo5_os.Memory.stat () in
  Fmt.pr "memory: %d heap words, %d live, %d free@." m.heap_words m.live_words m.free_words;
  check "live + free words fit in the heap" (m.live_words + m.free_words <= m.heap_words && m.live_words > 0)

(* This unikernel declares no device: connecting one must fail and say how
   to declare it. *)
let undeclared_devices () =
  let failure f = Lwt.catch (fun () -> f () >|= fun _ -> "connected") (function Failure m -> Lwt.return m | e -> Lwt.return (Printexc.to_string e)) in
  failure (fun () -> Solo5_os.Netif.connect "service") >>= fun net ->
  expect "Netif.connect of an undeclared device"
    ~expected:
      "Netif.connect \"service\": the unikernel's manifest declares no net device 'service', or it is connected already: declare it in manifest.json ({\"name\": \"service\", \"type\": \"NET_BASIC\"}) and connect it once"
    net;
  failure (fun () -> Solo5_os.Block.connect "storage") >|= fun blk ->
  expect "Block.connect of an undeclared device"
    ~expected:
      "Block.connect \"storage\": the unikernel's manifest declares no block device 'storage', or it is connected already: declare it in manifest.json ({\"name\": \"storage\", \"type\": \"BLOCK_BASIC\"}) and connect it once"
    blk

let () =
  fmt_and_duration ();
  addresses ();
  logs ();
  memory ();
  Solo5_os.Main.run (console () >>= undeclared_devices);
  if !failures = 0 then print_endline "SUCCESS" else Fmt.pr "FAILURE: %d checks failed@." !failures
