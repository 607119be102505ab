# spt-only guests and spt copies of the mangled binaries (tests/e2e/spt.cmake): included by CMakeLists.txt in this folder.
#
# test_seccomp makes a system call the filter forbids; test_spt_hostile and
# test_spt_hostile_net make the spt counterparts of hvt's hostile hypercalls.
tenor_guest(seccomp TARGETS spt)
tenor_guest(spt_hostile MANIFEST blk TARGETS spt)
tenor_guest(spt_hostile_net MANIFEST blk_net TARGETS spt)

# Upstream Solo5's spt target (2) at its ABI version 2, and tenor's own spt
# target at an ABI version from the future: tenor-spt must refuse both.
tenor_guest_mangled(wrong_abi hello abi 2 2 spt)
tenor_guest_mangled(wrong_abi_version hello abi 0x7402 99 spt)
tenor_guest_mangled(buggyelf hello manifest entries 1000 spt)
tenor_guest_mangled(buggyelf_entries0 hello manifest entries 0 spt)
tenor_guest_mangled(buggyelf_version hello manifest version 2 spt)
tenor_guest_mangled(buggyelf_first_type hello manifest entry0-type 1 spt)
tenor_guest_mangled(buggyelf_attached hello manifest entry0-attached 1 spt)
