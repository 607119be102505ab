# Guests for the network tests (tests/e2e/net.cmake): included by CMakeLists.txt in this folder.
#
# test_net answers ARP, ICMP echo and UDP echo on the NICs its command line
# names; test_net_2if is the same code with two NICs in its manifest;
# test_net_hostile corrupts its own rings to test the monitor's checks.
tenor_guest_manifest(net)
tenor_guest_manifest(net_2if)

tenor_guest(net MANIFEST net)
tenor_guest(net_2if MANIFEST net_2if)
tenor_guest(net_hostile MANIFEST net)
