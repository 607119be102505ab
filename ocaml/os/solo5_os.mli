(* solo5_os.mli: the unikernel's OS layer for OCaml programs: the Solo5 console, exit, clocks and the heap's statistics. *)

(** The OS services of a tenor unikernel, as thin bindings to the Solo5 API
    ([include/solo5.h]). This is the seed of the MirageOS-style OS layer
    (docs/ocaml.md): the Lwt main loop and the device modules grow beside it
    in [ocaml/os/]. *)

module Console : sig
  val write : string -> unit
  (** [write s] writes [s] to the console at once, bypassing [stdout]'s
      buffer. *)
end

module Clock : sig
  val monotonic_ns : unit -> int64
  (** Nanoseconds since an unspecified point in the past
      ([solo5_clock_monotonic]); never goes backwards. *)

  val wall_ns : unit -> int64
  (** UTC nanoseconds since the UNIX epoch ([solo5_clock_wall]). *)
end

module Heap : sig
  (** The C heap behind [malloc] (ocaml/alloc), which also holds the OCaml
      heap. Sizes are in bytes; [in_use_bytes + free_bytes + overhead_bytes =
      region_size]. *)
  type stats = {
    region_size : int;  (** the heap given to the unikernel at start-up *)
    in_use_bytes : int;  (** in allocated blocks, headers included *)
    free_bytes : int;  (** in free blocks *)
    overhead_bytes : int;  (** alignment: never allocatable *)
    live_blocks : int;  (** blocks allocated and not yet freed *)
    free_blocks : int;  (** free blocks: 1 when nothing is fragmented *)
    largest_free_bytes : int;  (** the largest free block *)
    peak_in_use_bytes : int;  (** the highest [in_use_bytes] so far *)
    failed_allocations : int;  (** requests [malloc] could not meet *)
  }

  val stats : unit -> stats

  val check : unit -> string option
  (** Walks the whole heap: [None] if its invariants hold, else what is
      broken. Takes time proportional to the number of blocks. *)
end

val exit : int -> 'a
(** [exit code] flushes [stdout] and [stderr] and ends the unikernel with
    [code] ([solo5_exit]) without running [at_exit] functions; use
    [Stdlib.exit] to run them. Codes outside 0..254 are reserved by Solo5. *)
