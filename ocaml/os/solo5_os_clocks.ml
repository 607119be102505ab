(* solo5_os_clocks.ml: Mirage_clock's MCLOCK and PCLOCK over solo5_clock_monotonic and solo5_clock_wall. *)

external monotonic_ns : unit -> (int64[@unboxed])
  = "tenor_os_clock_monotonic_byte" "tenor_os_clock_monotonic"
  [@@noalloc]

external wall_ns : unit -> (int64[@unboxed]) = "tenor_os_clock_wall_byte" "tenor_os_clock_wall"
  [@@noalloc]

module Mclock = struct
  let elapsed_ns () = monotonic_ns ()
  let period_ns () = None
end

module Pclock = struct
  let ns_per_day = 86_400_000_000_000L

  let now_d_ps () =
    let ns = wall_ns () in
    (Int64.to_int (Int64.div ns ns_per_day), Int64.mul (Int64.rem ns ns_per_day) 1000L)

  let current_tz_offset_s () = None
  let period_d_ps () = None
end
