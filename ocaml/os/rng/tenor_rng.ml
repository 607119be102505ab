(* tenor_rng.ml: the unikernel's entropy for mirage-crypto-rng: RDSEED/RDRAND when the CPU has them, cycle-counter jitter always. *)

module Entropy = Mirage_crypto_rng.Entropy

let initialized = ref false

let cpu_sources () =
  let rdseed = match Entropy.cpu_rng_bootstrap with Ok _ -> [ "rdseed" ] | Error `Not_supported -> [] in
  let rdrand = match Entropy.cpu_rng with Ok _ -> [ "rdrand" ] | Error `Not_supported -> [] in
  rdseed @ rdrand

let wall_clock () =
  let b = Cstruct.create 8 in
  Cstruct.LE.set_uint64 b 0 (Solo5_os.Clock.wall_ns ());
  b

let seed_from source =
  let id = Entropy.id source in
  let samples = List.init 4 (fun _ -> [ Entropy.bootstrap id; Entropy.whirlwind_bootstrap id ]) in
  Cstruct.concat (wall_clock () :: List.concat samples)

(* Feeds RDRAND into every pool every [sleep] nanoseconds, for as long as
   the program runs. *)
let start_cpu_feed g sleep =
  match Entropy.cpu_rng with
  | Error `Not_supported -> ()
  | Ok feeder ->
      let feed = feeder (Some g) in
      let rec loop () =
        feed ();
        Lwt.bind (Solo5_os.Time.sleep_ns sleep) loop
      in
      Lwt.async loop

let initialize (type a) ?g ?(sleep = 1_000_000_000L) (generator : a Mirage_crypto_rng.generator) =
  if !initialized then Lwt.fail_with "Tenor_rng.initialize: the generator is initialized already: call it once"
  else begin
    initialized := true;
    let source = Entropy.register_source "tenor bootstrap" in
    let seed = seed_from source in
    let rng = Mirage_crypto_rng.create ?g ~seed ~time:Solo5_os.Mclock.elapsed_ns generator in
    Mirage_crypto_rng.set_default_generator rng;
    Entropy.feed_pools (Some rng) source (fun () -> Entropy.whirlwind_bootstrap (Entropy.id source));
    start_cpu_feed rng sleep;
    Solo5_os.Main.at_enter_iter (Entropy.timer_accumulator (Some rng));
    Lwt.return_unit
  end
