(* clock.ml: the wall clock is close to the host's (given on the command line, parsed by Cmdliner) and the monotonic clock never goes backwards. *)

open Lwt.Infix

let failures = ref 0

let check what ok =
  if not ok then begin
    incr failures;
    Fmt.pr "FAIL: %s@." what
  end

let ns_per_s = 1_000_000_000L
let ms_of_ns ns = Int64.to_float ns /. 1e6

(* The host's clock was read just before the monitor started: the guest's
   must be later, and by less than the tolerance (boot takes far less). *)
let wall_against_host ~host_ns ~tolerance_s =
  let guest_ns = Solo5_os.Clock.wall_ns () in
  let ahead = Int64.sub guest_ns host_ns in
  Fmt.pr "wall clock: guest %Ld ns, host %Ld ns at start: guest %.3f ms later@." guest_ns host_ns (ms_of_ns ahead);
  check
    (Fmt.str "the wall clock is %.3f ms from the host's, not within -%d ms..%d s" (ms_of_ns ahead) 50 tolerance_s)
    (Int64.compare ahead (-50_000_000L) >= 0 && Int64.compare ahead (Int64.mul (Int64.of_int tolerance_s) ns_per_s) <= 0)

(* Pclock's days and picoseconds must say what solo5_clock_wall says, and
   Ptime must accept them. *)
let pclock_agrees () =
  let before = Solo5_os.Clock.wall_ns () in
  let d, ps = Solo5_os.Pclock.now_d_ps () in
  let after = Solo5_os.Clock.wall_ns () in
  let ns = Int64.add (Int64.mul (Int64.of_int d) 86_400_000_000_000L) (Int64.div ps 1000L) in
  check "Pclock.now_d_ps lies between two readings of the wall clock"
    (Int64.compare before ns <= 0 && Int64.compare ns after <= 0);
  check "Pclock's picoseconds are less than a day" (Int64.compare ps 86_400_000_000_000_000L < 0);
  match Ptime.Span.of_d_ps (d, ps) with
  | None -> check "Ptime accepts Pclock's time" false
  | Some span -> (
      match Ptime.of_span span with
      | None -> check "Ptime accepts Pclock's time" false
      | Some t ->
          Fmt.pr "Pclock: %a (day %d)@." (Ptime.pp_rfc3339 ~frac_s:3 ()) t d;
          let year, _, _ = fst (Ptime.to_date_time t) in
          check (Fmt.str "the year %d is after 2020" year) (year > 2020))

(* The monotonic clock never goes backwards, read back to back. *)
let monotonic_reads n =
  let rec go i previous backwards =
    if i = n then backwards
    else
      let now = Solo5_os.Mclock.elapsed_ns () in
      go (i + 1) now (if Int64.compare now previous < 0 then backwards + 1 else backwards)
  in
  let backwards = go 0 (Solo5_os.Mclock.elapsed_ns ()) 0 in
  Fmt.pr "monotonic clock: %d reads, %d went backwards@." n backwards;
  check "the monotonic clock never goes backwards" (backwards = 0)

(* Across a sleep both clocks advance by the sleep, and by nearly the same. *)
let clocks_advance_together ms =
  let m0 = Solo5_os.Mclock.elapsed_ns () and w0 = Solo5_os.Clock.wall_ns () in
  Solo5_os.Time.sleep_ns (Duration.of_ms ms) >|= fun () ->
  let dm = Int64.sub (Solo5_os.Mclock.elapsed_ns ()) m0 and dw = Int64.sub (Solo5_os.Clock.wall_ns ()) w0 in
  Fmt.pr "sleep %d ms: monotonic +%.3f ms, wall +%.3f ms@." ms (ms_of_ns dm) (ms_of_ns dw);
  check "the monotonic clock advanced by the sleep" (Int64.compare dm (Duration.of_ms ms) >= 0);
  check "the clocks advanced together (within 20 ms)" (Int64.abs (Int64.sub dm dw) < Duration.of_ms 20)

let run host_ns tolerance_s =
  wall_against_host ~host_ns ~tolerance_s;
  pclock_agrees ();
  monotonic_reads 100_000;
  Solo5_os.Main.run (clocks_advance_together 200 >>= fun () -> clocks_advance_together 20);
  if !failures = 0 then print_endline "SUCCESS" else Fmt.pr "FAILURE: %d checks failed@." !failures

let command =
  let open Cmdliner in
  let host_ns =
    Arg.(required & opt (some int64) None & info [ "host-time-ns" ] ~docv:"NS"
           ~doc:"The host's wall clock (date +%s%N) just before the monitor started.")
  in
  let tolerance_s =
    Arg.(value & opt int 2 & info [ "tolerance" ] ~docv:"S" ~doc:"How many seconds the clocks may differ by.")
  in
  Cmd.v (Cmd.info "clock" ~doc:"Compare the unikernel's clocks with the host's")
    Term.(const run $ host_ns $ tolerance_s)

let () = exit (Cmdliner.Cmd.eval ~argv:Sys.argv command)
