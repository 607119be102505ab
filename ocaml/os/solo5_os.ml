(* solo5_os.ml: bindings to the Solo5 console, exit and clocks, and to the heap's statistics (C side: solo5_os_stubs.c). *)

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

external solo5_exit : int -> 'a = "tenor_os_exit"

let exit code =
  flush stdout;
  flush stderr;
  solo5_exit code
