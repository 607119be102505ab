/*
 * test_net_2if.c: the test_net responder linked with the two-NIC manifest
 * (net_2if.json: service0 and service1); the code is test_net.c's, so that
 * one and two NICs are served by the same loop.
 */

#include "test_net.c"
