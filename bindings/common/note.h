// note.h: the ABI1 note each target's note.cc places in its unikernels, naming target and version.
#ifndef TENOR_BINDINGS_NOTE_H
#define TENOR_BINDINGS_NOTE_H

#include "tenor/elf_abi.h"

namespace tenor::bindings {

// The note tenor-hvt, tenor-spt and tenor-elftool read to refuse binaries
// built for another target or ABI version. A target defines it with
// [[gnu::used, gnu::section(".note.solo5.abi"), gnu::aligned(4)]]; the
// linker script places that section in the PT_NOTE segment.
constexpr struct abi1_note abi1_note_for(uint32_t target, uint32_t version) {
    return {
        .h = {
            .n_namesz = sizeof(ABI1_NOTE_NAME),
            .n_descsz = sizeof(struct abi1_info),
            .n_type = ABI1_NOTE_TYPE,
            .n_name = ABI1_NOTE_NAME,
        },
        .i = {
            .abi_target = target,
            .abi_version = version,
            .reserved0 = 0,
            .reserved1 = 0,
        },
    };
}

}  // namespace tenor::bindings

#endif
