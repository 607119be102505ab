/*
 * manifest.c: a hand-written "MFT1" note with one block device, laid out as
 * include/tenor/mft_abi.h describes, so that the toolchain tests do not
 * depend on tenor-elftool.
 */
#include <tenor/mft_abi.h>

#define ENTRIES 2

struct manifest_note {
    struct mft_nhdr h;
    uint8_t pad[MFT_NOTE_PAD];
    uint32_t version;
    uint32_t entries;
    struct mft_entry e[ENTRIES];
};

_Static_assert(sizeof(struct manifest_note) == sizeof(struct mft_nhdr) + MFT_NOTE_PAD + MFT_SIZE(ENTRIES),
               "the note is the header, the padding and struct mft");

const struct manifest_note manifest_note
    __attribute__((used, section(".note.solo5.manifest"), aligned(MFT_NOTE_ALIGN))) = {
    .h = {
        .n_namesz = sizeof(MFT_NOTE_NAME),
        .n_descsz = MFT_NOTE_PAD + MFT_SIZE(ENTRIES),
        .n_type = MFT_NOTE_TYPE,
        .n_name = MFT_NOTE_NAME,
    },
    .version = MFT_VERSION,
    .entries = ENTRIES,
    .e = {
        { .name = "", .type = MFT_RESERVED_FIRST },
        { .name = "storage", .type = MFT_DEV_BLOCK_BASIC },
    },
};
