(* solo5_os_checks.ml: compile-time proof that the OS layer's modules satisfy MirageOS 4's device signatures; never linked into a unikernel. *)

module Time : Mirage_time.S = Solo5_os_time
module Mclock : Mirage_clock.MCLOCK = Solo5_os_clocks.Mclock
module Pclock : Mirage_clock.PCLOCK = Solo5_os_clocks.Pclock
module Console : Mirage_console.S = Solo5_os_console
module Netif : Mirage_net.S = Solo5_os_netif
module Block : Mirage_block.S = Solo5_os_block
