# Network tests: included by CMakeLists.txt in this folder, whose tenor_e2e(), HVT, G and NO_VERDICT they use.
#
# Each test runs in its own network namespace with its own taps, made and
# deleted by net/netns-run.sh (or net/two-guests.sh), and sends traffic only
# to the guest inside it. net/README.md lists the tests and what each asserts.
# Without root, /dev/net/tun or /dev/kvm a test reports SKIPPED (exit 77).

set(NETNS bash ${CMAKE_CURRENT_SOURCE_DIR}/net/netns-run.sh)
set(TAP100 --tap tap100=10.0.0.1/24)
set(TAP101 --tap tap101=10.1.0.1/24)
# Whatever the figure, any loss is a failure: the rings never drop a frame
# while the guest keeps up, and ping -f waits for each reply.
set(NO_LOSS --reject-output "[1-9][0-9.]*% packet loss" --reject-output "corrupted|errors")
# What test_net prints about its requests once it stops.
set(ANSWERED "answered [0-9]+ ARP, ")
set(CLEAN "ignored [0-9]+ frames, 0 bad checksums$")

# tenor_net_e2e(NAME [TIMEOUT seconds] HARNESS-ARGS... -- COMMAND...): an
# e2e test labelled e2e, kvm and net whose COMMAND may report SKIPPED itself.
function(tenor_net_e2e name)
  tenor_e2e(${name} KVM --may-skip ${ARGN})
  set_tests_properties(e2e.${name} PROPERTIES LABELS "e2e;kvm;net")
endfunction()

# --- Traffic: each guest exits 0 by itself once it answered limit=N requests.

tenor_net_e2e(net TIMEOUT 90
  --expect-output "^10000 packets transmitted, 10000 received, 0% packet loss"
  --expect-output "^service: ${ANSWERED}10000 ICMP echo, 0 UDP echo requests, ${CLEAN}"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE" ${NO_LOSS}
  -- ${NETNS} --name net ${TAP100}
     --traffic "ping -f -q -c 10000 10.0.0.2"
     -- ${HVT} --mem=16 --net:service=tap100 ${G}/test_net.hvt service 10.0.0.2 limit=10000 idle=10)

tenor_net_e2e(net_2if TIMEOUT 60
  --expect-output "^service0: handle 1 .* address 10\\.0\\.0\\.2$"
  --expect-output "^service1: handle 2 .* address 10\\.1\\.0\\.2$"
  --expect-output "^service0: ${ANSWERED}1000 ICMP echo, 0 UDP echo requests, ${CLEAN}"
  --expect-output "^service1: ${ANSWERED}1000 ICMP echo, 0 UDP echo requests, ${CLEAN}"
  --expect-output "^1000 packets transmitted, 1000 received, 0% packet loss"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE" ${NO_LOSS}
  -- ${NETNS} --name net_2if ${TAP100} ${TAP101}
     --traffic "ping -f -q -c 1000 10.0.0.2"
     --traffic "ping -f -q -c 1000 10.1.0.2"
     -- ${HVT} --mem=16 --net:service0=tap100 --net:service1=tap101 ${G}/test_net_2if.hvt
        service0 10.0.0.2 service1 10.1.0.2 limit=2000 idle=10)

# 8972 bytes of ICMP data make a 9000-byte IPv4 packet: exactly the MTU,
# with fragmentation forbidden.
tenor_net_e2e(net_mtu TIMEOUT 60
  --expect-output "^service: handle 1 mac [0-9a-f:]+ mtu 9000 address 10\\.0\\.0\\.2$"
  --expect-output "^1000 packets transmitted, 1000 received, 0% packet loss"
  --expect-output "^service: ${ANSWERED}1000 ICMP echo, 0 UDP echo requests, ${CLEAN}"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE" ${NO_LOSS}
  -- ${NETNS} --name net_mtu --tap tap100=10.0.0.1/24,mtu=9000
     --traffic "ping -f -q -c 1000 -s 8972 -M do 10.0.0.2"
     -- ${HVT} --mem=32 --net:service=tap100 ${G}/test_net.hvt service 10.0.0.2 mtu=9000 limit=1000 idle=10)

# Payload integrity (upstream's net_ring): ping checks the data of every
# reply against its pattern only when it prints each reply, so this is not a
# flood ping (-f skips the check) but -i 0, which still keeps one request in
# flight back to back; the per-reply lines are filtered out of the log. The
# guest checks every IPv4 and ICMP checksum on the way in.
tenor_net_e2e(net_ring TIMEOUT 90
  --expect-output "^10000 packets transmitted, 10000 received, 0% packet loss"
  --expect-output "^service: ${ANSWERED}10000 ICMP echo, 0 UDP echo requests, ${CLEAN}"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE" ${NO_LOSS}
  --reject-output "wrong data byte" --reject-output "BAD CHECKSUM|DUP!|truncated"
  -- ${NETNS} --name net_ring ${TAP100}
     --traffic "ping -i 0 -c 10000 -s 1400 -p a55a0ff0c33c96691234fedc5aa5f00f 10.0.0.2 | grep -v ' bytes from '"
     -- ${HVT} --mem=16 --net:service=tap100 ${G}/test_net.hvt service 10.0.0.2 limit=10000 idle=10)

# Frames a guest queues right before it exits still go out: 250 requests
# arrive at once (ping -l preloads them), the guest answers them in one burst
# that fills most of its TX ring and exits at the 251st answer, while the
# monitor may still be writing the replies to the tap. The replies come back
# so fast that ping's own socket buffer overflows and ping counts only some
# of them, so the test counts what the namespace's IP stack received: the
# namespace is new, so the counter holds the first ping's reply and the 250.
tenor_net_e2e(net_exit_flush
  --expect-output "^IcmpInEchoReps +251 "
  --expect-output "^service: ${ANSWERED}251 ICMP echo, 0 UDP echo requests, ${CLEAN}"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE"
  -- ${NETNS} --name net_exit_flush ${TAP100}
     --traffic "ping -c 1 -q 10.0.0.2 && ping -l 250 -c 250 -W 5 -q 10.0.0.2"
     --traffic "sleep 0.2 && nstat -az IcmpInEchoReps"
     -- ${HVT} --mem=16 --net:service=tap100 ${G}/test_net.hvt --solo5:quiet
        service 10.0.0.2 limit=251 idle=10)

# --net-mac: the guest reports the MAC given, and its ARP replies carry it.
# The neighbour table is read while the guest still runs (a tap that loses
# its reader loses its neighbours); the last ping lets the guest finish.
tenor_net_e2e(net_mac
  --expect-output "^service: handle 1 mac 02:00:00:aa:bb:cc mtu 1500 address 10\\.0\\.0\\.2$"
  --expect-output "^10\\.0\\.0\\.2 dev tap100 lladdr 02:00:00:aa:bb:cc "
  --expect-output "^3 packets transmitted, 3 received, 0% packet loss"
  --expect-output "^service: ${ANSWERED}4 ICMP echo, 0 UDP echo requests, ${CLEAN}"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE" ${NO_LOSS}
  -- ${NETNS} --name net_mac ${TAP100}
     --traffic "ping -c 3 -i 0.2 10.0.0.2"
     --traffic "ip neigh show 10.0.0.2"
     --traffic "ping -c 1 -q 10.0.0.2"
     -- ${HVT} --mem=16 --net:service=tap100 --net-mac:service=02:00:00:aa:bb:cc
        ${G}/test_net.hvt service 10.0.0.2 limit=4 idle=10)

# The guest's own check: requests that stop before limit=N make it fail, so
# that a request lost on the way in fails a test even where ping cannot tell.
tenor_net_e2e(net_idle_before_limit --expect-exit 1
  --expect-output "^2 packets transmitted, 2 received, 0% packet loss"
  --expect-output "^idle for 1 s with 2 of limit=5 echo requests answered$"
  --expect-output "^FAILURE: the echo requests stopped before the limit$"
  --reject-output "^SUCCESS$"
  -- ${NETNS} --name net_idle_before_limit ${TAP100}
     --traffic "ping -c 2 -i 0.2 10.0.0.2"
     -- ${HVT} --mem=16 --net:service=tap100 ${G}/test_net.hvt service 10.0.0.2 limit=5 idle=1)

# Two guests at once in two namespaces with the same addresses.
tenor_net_e2e(net_two_guests TIMEOUT 60
  --expect-output "^\\[a\\] 1000 packets transmitted, 1000 received, 0% packet loss"
  --expect-output "^\\[b\\] 1000 packets transmitted, 1000 received, 0% packet loss"
  --expect-output "^\\[a\\] SUCCESS$" --expect-output "^\\[b\\] SUCCESS$"
  --reject-output "FAILURE" ${NO_LOSS}
  -- bash ${CMAKE_CURRENT_SOURCE_DIR}/net/two-guests.sh 1000 ${HVT} ${G}/test_net.hvt)

# --- The monitor refuses to start (exit 1), naming the fix.

set(NET_ARGS service 10.0.0.2 limit=1 idle=1)
tenor_net_e2e(net_tap_missing --expect-exit 1
  --expect-output "^tenor-hvt: net device 'service': tap interface 'tap100' does not exist: "
  --expect-output "'ip tuntap add dev tap100 mode tap'" ${NO_VERDICT}
  -- ${NETNS} --name net_tap_missing
     -- ${HVT} --mem=16 --net:service=tap100 ${G}/test_net.hvt ${NET_ARGS})
tenor_net_e2e(net_tap_down --expect-exit 1
  --expect-output "^tenor-hvt: net device 'service': tap interface 'tap100' is down: "
  --expect-output "'ip link set dev tap100 up'" ${NO_VERDICT}
  -- ${NETNS} --name net_tap_down --tap tap100=10.0.0.1/24,down
     -- ${HVT} --mem=16 --net:service=tap100 ${G}/test_net.hvt ${NET_ARGS})
tenor_net_e2e(net_unattached --expect-exit 1
  --expect-output "^tenor-hvt: net device 'service' is declared by the unikernel but not attached: add --net:service=TAP$"
  ${NO_VERDICT}
  -- ${NETNS} --name net_unattached ${TAP100}
     -- ${HVT} --mem=16 ${G}/test_net.hvt ${NET_ARGS})
tenor_net_e2e(net_undeclared --expect-exit 1
  --expect-output [[^tenor-hvt: --net:bogus: the unikernel declares no net device 'bogus' \(its net devices: service\)$]]
  ${NO_VERDICT}
  -- ${NETNS} --name net_undeclared ${TAP100} ${TAP101}
     -- ${HVT} --mem=16 --net:service=tap100 --net:bogus=tap101 ${G}/test_net.hvt ${NET_ARGS})
tenor_net_e2e(net_undeclared_mac --expect-exit 1
  --expect-output [[^tenor-hvt: --net-mac:bogus: the unikernel declares no net device 'bogus' \(its net devices: service\)$]]
  ${NO_VERDICT}
  -- ${NETNS} --name net_undeclared_mac ${TAP100}
     -- ${HVT} --mem=16 --net:service=tap100 --net-mac:bogus=02:00:00:00:00:01 ${G}/test_net.hvt ${NET_ARGS})
tenor_net_e2e(net_bad_mac --expect-exit 1
  --expect-output "^tenor-hvt: invalid MAC in '--net-mac:service=02:00:00:aa:bb': '02:00:00:aa:bb' is not of the form xx:xx:xx:xx:xx:xx$"
  ${NO_VERDICT}
  -- ${NETNS} --name net_bad_mac ${TAP100}
     -- ${HVT} --mem=16 --net:service=tap100 --net-mac:service=02:00:00:aa:bb ${G}/test_net.hvt ${NET_ARGS})
tenor_net_e2e(net_multicast_mac --expect-exit 1
  --expect-output "^tenor-hvt: invalid MAC in '--net-mac:service=03:00:00:aa:bb:cc': .*multicast"
  ${NO_VERDICT}
  -- ${NETNS} --name net_multicast_mac ${TAP100}
     -- ${HVT} --mem=16 --net:service=tap100 --net-mac:service=03:00:00:aa:bb:cc ${G}/test_net.hvt ${NET_ARGS})

# --- A guest that corrupts its own ring is stopped (exit 1), never trusted.

set(RING "^tenor-hvt: net device 'service': corrupt")
foreach(attack tx_len0 tx_len70000 tx_jump rx_jump)
  string(REPLACE "_" "-" argument ${attack})
  if(attack STREQUAL tx_len0)
    set(message "${RING} TX ring entry 0: length 0 is outside 1\\.\\.1514$")
  elseif(attack STREQUAL tx_len70000)
    set(message "${RING} TX ring entry 0: length 70000 is outside 1\\.\\.1514$")
  elseif(attack STREQUAL tx_jump)
    set(message "${RING} TX ring: producer 1000 is more than 256 frames ahead of consumer 0$")
  else()
    set(message "${RING} RX ring: consumer 1000 is past producer 0$")
  endif()
  tenor_net_e2e(net_hostile.${attack} --expect-exit 1
    --expect-output "^corrupting the ring \\(${argument}\\) and kicking the monitor$"
    --expect-output "${message}" ${NO_VERDICT}
    -- ${NETNS} --name net_hostile_${attack} ${TAP100}
       -- ${HVT} --mem=16 --net:service=tap100 ${G}/test_net_hostile.hvt ${argument})
endforeach()
