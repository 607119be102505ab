// note.cc: the ELF contents that mark a unikernel as built for tenor's hvt: the ABI1 note and PT_INTERP.
#include "tenor/elf_abi.h"

namespace {

// Read by tenor-hvt and tenor-elftool to refuse binaries built for another
// target or ABI version; the linker script places it in the PT_NOTE segment.
[[gnu::used, gnu::section(".note.solo5.abi"), gnu::aligned(4)]]
const struct abi1_note abi1_note = {
    .h = {
        .n_namesz = sizeof(ABI1_NOTE_NAME),
        .n_descsz = sizeof(struct abi1_info),
        .n_type = ABI1_NOTE_TYPE,
        .n_name = ABI1_NOTE_NAME,
    },
    .i = {
        .abi_target = ABI_TARGET_TENOR_HVT,
        .abi_version = TENOR_HVT_ABI_VERSION,
        .reserved0 = 0,
        .reserved1 = 0,
    },
};

// An interpreter that cannot exist, so that the host kernel refuses to exec
// the unikernel directly (as Solo5's binaries do).
[[gnu::used, gnu::section(".interp")]]
const char interp[] = "/nonexistent/solo5/";

}  // namespace
