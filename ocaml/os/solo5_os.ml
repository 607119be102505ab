(* solo5_os.ml: the OS layer's entry module: bindings to the Solo5 console, exit, clocks and heap statistics (C side: solo5_os_stubs.c), and aliases of the Lwt main loop and the devices. *)

module Console = struct
  external write : string -> unit = "tenor_os_console_write" [@@noalloc]
end

module Clock = struct
  external monotonic_ns : unit -> (int64[@unboxed])
    = "tenor_os_clock_monotonic_byte" "tenor_os_clock_monotonic"
    [@@noalloc]

  external wall_ns : unit -> (int64[@unboxed])
    = "tenor_os_clock_wall_byte" "tenor_os_clock_wall"
    [@@noalloc]
end

module Heap = struct
  type stats = {
    region_size : int;
    in_use_bytes : int;
    free_bytes : int;
    overhead_bytes : int;
    live_blocks : int;
    free_blocks : int;
    largest_free_bytes : int;
    peak_in_use_bytes : int;
    failed_allocations : int;
  }

  external stats : unit -> stats = "tenor_os_heap_stats"
  external check : unit -> string option = "tenor_os_heap_check"
end

module Memory = struct
  type stat = { heap_words : int; live_words : int; stack_words : int; free_words : int }

  let word = Sys.word_size / 8

  let stat () =
    let s = Heap.stats () in
    { heap_words = s.region_size / word; live_words = s.in_use_bytes / word; stack_words = 0;
      free_words = s.free_bytes / word }

  let quick_stat = stat
  let trim () = ()
end

(* Aliases only: compiled with -no-alias-deps, they link a module into a
   unikernel only if the program uses it, so a program without Lwt links no
   Lwt. *)
module Main = Solo5_os_main
module Time = Solo5_os_time
module Mclock = Solo5_os_clocks.Mclock
module Pclock = Solo5_os_clocks.Pclock
module Console_solo5 = Solo5_os_console
module Netif = Solo5_os_netif
module Block = Solo5_os_block

external solo5_exit : int -> 'a = "tenor_os_exit"

let exit code =
  flush stdout;
  flush stderr;
  solo5_exit code
