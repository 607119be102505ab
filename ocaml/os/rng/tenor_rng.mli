(* tenor_rng.mli: seeds mirage-crypto-rng in a unikernel from the CPU (RDSEED/RDRAND) and cycle-counter jitter (findlib package tenor.rng). *)

(** The unikernel's entropy source for [Mirage_crypto_rng], in the place of
    MirageOS's mirage-crypto-rng-mirage ([Mirage_crypto_rng_mirage]).

    - At {!initialize}: the seed is four samples of
      [Mirage_crypto_rng.Entropy.bootstrap] (64 bits of RDSEED when CPUID
      reports it, else the Whirlwind timing loop: the cycle counter's jitter
      over data-dependent loops) and four of the Whirlwind loop itself, with
      the wall clock; then every pool of the generator gets one more
      Whirlwind sample.
    - Every [sleep] nanoseconds (default: 1 s), while Lwt runs: 64 bits of
      RDRAND into every pool, when CPUID reports RDRAND.
    - Every turn of {!Solo5_os.Main.run}'s loop: the cycle counter's low 32
      bits into the pools in turn ([Entropy.timer_accumulator]): when the
      loop wakes depends on timer interrupts and network traffic. *)

val initialize : ?g:'a -> ?sleep:int64 -> 'a Mirage_crypto_rng.generator -> unit Lwt.t
(** [initialize generator] creates the default generator
    ([Mirage_crypto_rng.set_default_generator]) of the given algorithm (e.g.
    [(module Mirage_crypto_rng.Fortuna)]), seeded as above, and starts
    feeding it. The result is resolved at once; it fails if the generator was
    initialized already. *)

val cpu_sources : unit -> string list
(** The CPU instructions used: ["rdseed"], ["rdrand"], both or none. *)
