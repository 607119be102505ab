# Guests for the block device tests (tests/e2e/blk.cmake): included by CMakeLists.txt in this folder.
#
# test_blk_multi: multi-sector round trips and refused requests; test_blk_hostile:
# hostile block hypercalls; test_blk_nethandle: block I/O on a network
# device's handle (its manifest declares both kinds); test_blk_enospc: a host
# write error seen as SOLO5_R_EUNSPEC. test_blk_hostile and
# test_blk_nethandle send only raw hvt hypercalls, so they exist for hvt
# only; test_blk_multi's first half runs on spt too, whose twin expects its
# raw hypercalls to fault (tests/e2e/spt.cmake).
tenor_guest_manifest(blk_net)

tenor_guest(blk_multi MANIFEST blk)
tenor_guest(blk_hostile MANIFEST blk TARGETS hvt)
tenor_guest(blk_nethandle MANIFEST blk_net TARGETS hvt)
tenor_guest(blk_enospc MANIFEST blk)
