(* solo5_os.mli: the unikernel's OS layer for OCaml programs: the Solo5 console, exit, clocks and heap statistics, the Lwt main loop and the devices. *)

(** The OS services of a tenor unikernel, with the shape of MirageOS's
    mirage-solo5 (docs/ocaml.md): thin bindings to the Solo5 API
    ([include/solo5.h]) and, for Lwt programs, the main loop ({!Main}),
    sleeps ({!Time}), clocks ({!Mclock}, {!Pclock}) and devices ({!Netif},
    {!Block}, {!Console_solo5}) satisfying MirageOS 4's device signatures
    (the findlib package [tenor.mirage]). Code written against MirageOS
    ports with an [open Solo5_os]. *)

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

module Memory : sig
  (** The heap's statistics in words, as MirageOS's [Solo5_os.Memory]. *)
  type stat = {
    heap_words : int;  (** the whole heap region *)
    live_words : int;  (** in allocated blocks *)
    stack_words : int;  (** always 0: the stack is not part of the heap *)
    free_words : int;  (** in free blocks *)
  }

  val stat : unit -> stat
  val quick_stat : unit -> stat

  val trim : unit -> unit
  (** Does nothing: the heap is one region that cannot be given back. *)
end

(** {1 Lwt: the main loop, sleeps and devices}

    Linked only into programs that use them. *)

module Main = Solo5_os_main
(** [Main.run t] runs Lwt until [t] is resolved. *)

module Time = Solo5_os_time
(** [Time.sleep_ns]: a [Mirage_time.S]. *)

module Mclock = Solo5_os_clocks.Mclock
(** The monotonic clock: a [Mirage_clock.MCLOCK]. *)

module Pclock = Solo5_os_clocks.Pclock
(** The wall clock: a [Mirage_clock.PCLOCK]. *)

module Console_solo5 = Solo5_os_console
(** The console: a [Mirage_console.S]. *)

module Netif = Solo5_os_netif
(** Network devices: a [Mirage_net.S]. *)

module Block = Solo5_os_block
(** Block devices: a [Mirage_block.S]. *)

val exit : int -> 'a
(** [exit code] flushes [stdout] and [stderr] and ends the unikernel with
    [code] ([solo5_exit]) without running [at_exit] functions; use
    [Stdlib.exit] to run them. Codes outside 0..254 are reserved by Solo5. *)
