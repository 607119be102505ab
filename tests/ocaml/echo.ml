(* echo.ml: an ARP and ICMP echo responder on Solo5_os.Netif, written against Mirage_net.S, that exits after answering a given number of pings. *)

open Lwt.Infix

let src = Logs.Src.create "echo" ~doc:"the ARP and ICMP echo responder"

module Log = (val Logs.src_log src : Logs.LOG)

(* Logs to the console through Fmt, flushing each line so that the test
   harness sees "ready" at once. *)
let reporter () =
  let report src level ~over k msgf =
    let k _ =
      over ();
      k ()
    in
    msgf (fun ?header:_ ?tags:_ fmt ->
        Fmt.kpf k Fmt.stdout ("[%a] %s: @[" ^^ fmt ^^ "@]@.") Logs.pp_level level (Logs.Src.name src))
  in
  { Logs.report }

(* The 16-bit ones' complement sum of RFC 1071, over [length] bytes. *)
let checksum buf offset length =
  let rec sum i acc =
    if i + 1 < length then sum (i + 2) (acc + Cstruct.BE.get_uint16 buf (offset + i))
    else if i < length then acc + (Cstruct.get_uint8 buf (offset + i) lsl 8)
    else acc
  in
  let rec fold s = if s > 0xffff then fold ((s land 0xffff) + (s lsr 16)) else s in
  lnot (fold (sum 0 0)) land 0xffff

type counters = { mutable arp : int; mutable echo : int; mutable ignored : int; mutable bad_checksums : int }

module Responder (N : Mirage_net.S) = struct
  let ethertype_arp = 0x0806
  let ethertype_ipv4 = 0x0800
  let eth = 14

  let mac_octets m = Macaddr.to_octets m

  (* Answers an ARP request for our address in place of the request. *)
  let arp net ~mac ~ip counters frame =
    let ours = Ipaddr.V4.to_octets ip in
    let is_request =
      Cstruct.length frame >= eth + 28
      && Cstruct.BE.get_uint16 frame (eth + 6) = 1
      && Cstruct.to_string (Cstruct.sub frame (eth + 24) 4) = ours
    in
    if not is_request then Lwt.return (counters.ignored <- counters.ignored + 1)
    else begin
      counters.arp <- counters.arp + 1;
      let asker_mac = Cstruct.to_string (Cstruct.sub frame (eth + 8) 6)
      and asker_ip = Cstruct.to_string (Cstruct.sub frame (eth + 14) 4) in
      N.write net ~size:(eth + 28) (fun out ->
          Cstruct.blit frame 0 out 0 (eth + 28);
          Cstruct.blit_from_string asker_mac 0 out 0 6;
          Cstruct.blit_from_string (mac_octets mac) 0 out 6 6;
          Cstruct.BE.set_uint16 out (eth + 6) 2;
          Cstruct.blit_from_string (mac_octets mac) 0 out (eth + 8) 6;
          Cstruct.blit_from_string ours 0 out (eth + 14) 4;
          Cstruct.blit_from_string asker_mac 0 out (eth + 18) 6;
          Cstruct.blit_from_string asker_ip 0 out (eth + 24) 4;
          eth + 28)
      >|= function Ok () -> () | Error e -> Log.err (fun m -> m "ARP reply: %a" N.pp_error e)
    end

  (* Answers an ICMP echo request to our address, checking both checksums. *)
  let icmp net ~mac ~ip counters frame =
    let ip_at = eth in
    let ihl = (Cstruct.get_uint8 frame ip_at land 0x0f) * 4 in
    let total = Cstruct.BE.get_uint16 frame (ip_at + 2) in
    let for_us = Cstruct.to_string (Cstruct.sub frame (ip_at + 16) 4) = Ipaddr.V4.to_octets ip in
    if Cstruct.get_uint8 frame (ip_at + 9) <> 1 || not for_us || eth + total > Cstruct.length frame then
      Lwt.return (counters.ignored <- counters.ignored + 1)
    else if checksum frame ip_at ihl <> 0 || checksum frame (ip_at + ihl) (total - ihl) <> 0 then
      Lwt.return (counters.bad_checksums <- counters.bad_checksums + 1)
    else if Cstruct.get_uint8 frame (ip_at + ihl) <> 8 then Lwt.return (counters.ignored <- counters.ignored + 1)
    else begin
      counters.echo <- counters.echo + 1;
      N.write net ~size:(eth + total) (fun out ->
          Cstruct.blit frame 0 out 0 (eth + total);
          Cstruct.blit frame 6 out 0 6;
          Cstruct.blit_from_string (mac_octets mac) 0 out 6 6;
          (* IPv4: swap the addresses, a fresh TTL and header checksum. *)
          Cstruct.blit frame (ip_at + 12) out (ip_at + 16) 4;
          Cstruct.blit frame (ip_at + 16) out (ip_at + 12) 4;
          Cstruct.set_uint8 out (ip_at + 8) 64;
          Cstruct.BE.set_uint16 out (ip_at + 10) 0;
          Cstruct.BE.set_uint16 out (ip_at + 10) (checksum out ip_at ihl);
          (* ICMP: an echo reply with the request's identifier, sequence and data. *)
          let icmp_at = ip_at + ihl in
          Cstruct.set_uint8 out icmp_at 0;
          Cstruct.BE.set_uint16 out (icmp_at + 2) 0;
          Cstruct.BE.set_uint16 out (icmp_at + 2) (checksum out icmp_at (total - ihl));
          eth + total)
      >|= function Ok () -> () | Error e -> Log.err (fun m -> m "echo reply: %a" N.pp_error e)
    end

  let serve net ~ip ~limit counters =
    let mac = N.mac net in
    N.listen net ~header_size:eth (fun frame ->
        let handled =
          if Cstruct.length frame < eth then Lwt.return (counters.ignored <- counters.ignored + 1)
          else
            let ethertype = Cstruct.BE.get_uint16 frame 12 in
            if ethertype = ethertype_arp then arp net ~mac ~ip counters frame
            else if ethertype = ethertype_ipv4 && Cstruct.length frame >= eth + 20 then icmp net ~mac ~ip counters frame
            else Lwt.return (counters.ignored <- counters.ignored + 1)
        in
        handled >>= fun () ->
        if counters.echo mod 250 = 0 && counters.echo > 0 then
          Log.info (fun m -> m "%d echo requests answered" counters.echo);
        if counters.echo >= limit then N.disconnect net else Lwt.return_unit)
end

module Echo = Responder (Solo5_os.Netif)

let main ~device ~ip ~limit ~timeout_s counters =
  Solo5_os.Netif.connect device >>= fun net ->
  Log.info (fun m ->
      m "%s: mac %a mtu %d address %a" device Macaddr.pp (Solo5_os.Netif.mac net) (Solo5_os.Netif.mtu net)
        Ipaddr.V4.pp ip);
  Fmt.pr "ready@.";
  let serving = Echo.serve net ~ip ~limit counters >|= fun r -> `Served r in
  let timeout = Solo5_os.Time.sleep_ns (Duration.of_sec timeout_s) >|= fun () -> `Timed_out in
  Lwt.pick [ serving; timeout ] >|= fun outcome ->
  let stats = Solo5_os.Netif.get_stats_counters net in
  Fmt.pr "%s: answered %d ARP, %d ICMP echo, ignored %d frames, %d bad checksums@." device counters.arp
    counters.echo counters.ignored counters.bad_checksums;
  Fmt.pr "%s: received %ld frames (%Ld bytes), sent %ld frames (%Ld bytes)@." device stats.rx_pkts stats.rx_bytes
    stats.tx_pkts stats.tx_bytes;
  match outcome with
  | `Served (Ok ()) when counters.echo >= limit && counters.bad_checksums = 0 -> true
  | `Served (Ok ()) -> false
  | `Served (Error e) ->
      Log.err (fun m -> m "listen failed: %a" Solo5_os.Netif.pp_error e);
      false
  | `Timed_out ->
      Log.err (fun m -> m "timed out after %d s with %d of %d echo requests answered" timeout_s counters.echo limit);
      false

let run device ip limit timeout_s =
  Logs.set_reporter (reporter ());
  Logs.set_level (Some Logs.Info);
  let counters = { arp = 0; echo = 0; ignored = 0; bad_checksums = 0 } in
  let ok = ref false in
  Solo5_os.Main.run (main ~device ~ip ~limit ~timeout_s counters >|= fun r -> ok := r);
  print_endline (if !ok then "SUCCESS" else "FAILURE")

let command =
  let open Cmdliner in
  let ipv4 = Arg.conv (Ipaddr.V4.of_string, Ipaddr.V4.pp) in
  let device = Arg.(value & opt string "service" & info [ "device" ] ~doc:"The net device to serve.") in
  let ip = Arg.(value & opt ipv4 (Ipaddr.V4.of_string_exn "10.0.0.2") & info [ "ip" ] ~doc:"The address to answer as.") in
  let limit = Arg.(value & opt int 1000 & info [ "limit" ] ~doc:"Exit after answering this many echo requests.") in
  let timeout = Arg.(value & opt int 60 & info [ "timeout" ] ~doc:"Give up after this many seconds.") in
  Cmd.v (Cmd.info "echo") Term.(const run $ device $ ip $ limit $ timeout)

let () = exit (Cmdliner.Cmd.eval ~argv:Sys.argv command)
