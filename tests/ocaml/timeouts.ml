(* timeouts.ml: Lwt sleeps and Lwt.pick timeouts under Solo5_os.Main fire in order and on time (within 50 ms). *)

open Lwt.Infix

let tolerance_ms = 50
let failures = ref 0
let start = Solo5_os.Mclock.elapsed_ns ()
let elapsed_ms () = Int64.to_int (Int64.div (Int64.sub (Solo5_os.Mclock.elapsed_ns ()) start) 1_000_000L)

let check what ok =
  if not ok then begin
    incr failures;
    Fmt.pr "FAIL: %s@." what
  end

(* [on_time what ~expected_ms actual_ms] checks that [actual_ms] is no earlier
   than [expected_ms] (a timer never fires early) and within the tolerance. *)
let on_time what ~expected_ms actual_ms =
  Fmt.pr "%s: due at %d ms, fired at %d ms@." what expected_ms actual_ms;
  check
    (Fmt.str "%s fired at %d ms, outside %d..%d ms" what actual_ms expected_ms (expected_ms + tolerance_ms))
    (actual_ms >= expected_ms && actual_ms <= expected_ms + tolerance_ms)

let sleep_ms ms = Solo5_os.Time.sleep_ns (Duration.of_ms ms)

(* Sleeps started together in a scrambled order must finish in the order of
   their durations, each on time. *)
let sleeps_in_order () =
  let t0 = elapsed_ms () in
  let order = ref [] in
  let sleeper ms =
    sleep_ms ms >|= fun () ->
    order := ms :: !order;
    on_time (Fmt.str "sleep %d ms" ms) ~expected_ms:(t0 + ms) (elapsed_ms ())
  in
  let durations = [ 300; 100; 250; 50; 200; 150 ] in
  Lwt.join (List.map sleeper durations) >|= fun () ->
  let fired = List.rev !order in
  Fmt.pr "sleeps fired in the order %a@." Fmt.(list ~sep:(any ", ") int) fired;
  check "sleeps fire in the order of their deadlines" (fired = List.sort compare durations)

let name = function `Done -> "work" | `Timeout -> "timeout"

(* Lwt.pick between work and a timeout: whichever is due first wins, the
   other is cancelled, and a cancelled sleep never fires. *)
let pick_timeout ~work_ms ~timeout_ms =
  let t0 = elapsed_ms () in
  let loser_fired = ref false in
  let work_sleep = sleep_ms work_ms and timeout_sleep = sleep_ms timeout_ms in
  let loser = if work_ms < timeout_ms then timeout_sleep else work_sleep in
  Lwt.on_success loser (fun () -> loser_fired := true);
  let work = work_sleep >|= fun () -> `Done and timeout = timeout_sleep >|= fun () -> `Timeout in
  Lwt.pick [ work; timeout ] >>= fun winner ->
  let expected = if work_ms < timeout_ms then `Done else `Timeout in
  on_time
    (Fmt.str "pick (work %d ms, timeout %d ms): %s" work_ms timeout_ms (name winner))
    ~expected_ms:(t0 + min work_ms timeout_ms) (elapsed_ms ());
  check (Fmt.str "pick chose %s, not %s" (name winner) (name expected)) (winner = expected);
  check "the losing sleep was cancelled" (Lwt.state loser = Lwt.Fail Lwt.Canceled);
  (* Wait past the loser's deadline: it must not fire. *)
  sleep_ms (abs (work_ms - timeout_ms) + 20) >|= fun () ->
  check "a cancelled sleep never fires" (not !loser_fired)

(* Lwt.pause yields to the main loop, which must run paused threads again
   without waiting for a timer. *)
let pauses () =
  let t0 = elapsed_ms () in
  let rec spin n = if n = 0 then Lwt.return_unit else Lwt.pause () >>= fun () -> spin (n - 1) in
  spin 1000 >|= fun () ->
  let took = elapsed_ms () - t0 in
  Fmt.pr "1000 pauses took %d ms@." took;
  check "pauses do not wait for a timer" (took < 1000)

(* A zero or negative sleep ends at the next turn of the loop. *)
let zero_sleeps () =
  let t0 = elapsed_ms () in
  Lwt.join [ Solo5_os.Time.sleep_ns 0L; Solo5_os.Time.sleep_ns (-5L) ] >|= fun () ->
  on_time "sleeps of 0 and -5 ns" ~expected_ms:t0 (elapsed_ms ())

let main () =
  sleeps_in_order () >>= fun () ->
  pick_timeout ~work_ms:100 ~timeout_ms:250 >>= fun () ->
  pick_timeout ~work_ms:300 ~timeout_ms:120 >>= fun () ->
  pauses () >>= fun () ->
  zero_sleeps () >|= fun () ->
  Fmt.pr "main loop: %d turns, %d yields, %d sleeps still queued@." (Solo5_os.Main.iterations ())
    (Solo5_os.Main.yields ()) (Solo5_os.Time.pending ())

let () =
  Solo5_os.Main.run (main ());
  if !failures = 0 then print_endline "SUCCESS" else Fmt.pr "FAILURE: %d checks failed@." !failures
