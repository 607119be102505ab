// note.cc: the ABI1 note that marks a unikernel as built for tenor's spt target.
#include "common/note.h"

namespace {

[[gnu::used, gnu::section(".note.solo5.abi"), gnu::aligned(4)]]
const struct abi1_note abi1_note = tenor::bindings::abi1_note_for(ABI_TARGET_TENOR_SPT, TENOR_SPT_ABI_VERSION);

}  // namespace
