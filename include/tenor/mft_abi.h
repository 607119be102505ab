/*
 * mft_abi.h: the application manifest, an ELF note binary-compatible with
 * Solo5's "MFT1" note, shared by the bindings, the monitors and the tools.
 *
 * Plain C99. Every size and offset that crosses the guest/monitor boundary is
 * checked below, so that tools written for Solo5 read tenor binaries and the
 * other way round.
 */

#ifndef TENOR_MFT_ABI_H
#define TENOR_MFT_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MFT_VERSION 1

/* Device types. Values of MFT_RESERVED_FIRST and above are not devices. */
typedef enum mft_type {
    MFT_DEV_BLOCK_BASIC = 1,
    MFT_DEV_NET_BASIC = 2,
    MFT_RESERVED_FIRST = (1U << 30)
} mft_type_t;

/* A name is 1..67 characters of [A-Za-z0-9] and a NUL. */
#define MFT_NAME_SIZE 68
#define MFT_NAME_MAX (MFT_NAME_SIZE - 1)

/* Entry 0 is the mandatory MFT_RESERVED_FIRST entry: 63 user devices. */
#define MFT_MAX_ENTRIES 64

struct mft_block_basic {
    uint64_t capacity;   /* set by the monitor when attached */
    uint16_t block_size; /* set by the monitor when attached */
};

struct mft_net_basic {
    uint8_t mac[6];      /* set by the monitor when attached */
    uint16_t mtu;        /* set by the monitor when attached */
};

struct mft_entry {
    char name[MFT_NAME_SIZE];
    mft_type_t type;
    union {
        struct mft_block_basic block_basic;
        struct mft_net_basic net_basic;
    } u;
    /* Private to the monitor (a host descriptor in Solo5); opaque to guests. */
    union {
        int hostfd;
        uint64_t reserved;
    } b;
    /* MUST be false in the binary; the monitor sets it on attaching. */
    bool attached;
};

struct mft {
    uint32_t version;
    uint32_t entries;
    struct mft_entry e[];
};

#define MFT_NOTE_NAME "Solo5"
#define MFT_NOTE_TYPE 0x3154464d /* "MFT1" */

/* ELF note header with the name padded to 4 bytes (ELF gABI, "Note Section"). */
struct mft_nhdr {
    uint32_t n_namesz;
    uint32_t n_descsz;
    uint32_t n_type;
    char n_name[(sizeof(MFT_NOTE_NAME) + 3) & ~3U];
};

/*
 * struct mft is 8-byte aligned inside the note, so the descriptor starts
 * with MFT_NOTE_PAD bytes of padding that n_descsz counts.
 */
#define MFT_NOTE_ALIGN 8
#define MFT_NOTE_PAD 4

#define MFT_SIZE(entries) (sizeof(struct mft) + (size_t)(entries) * sizeof(struct mft_entry))
#define MFT_MAX_SIZE MFT_SIZE(MFT_MAX_ENTRIES)

#ifdef __cplusplus
#define TENOR_STATIC_ASSERT static_assert
#else
#define TENOR_STATIC_ASSERT _Static_assert
#endif

TENOR_STATIC_ASSERT(sizeof(mft_type_t) == 4, "mft_type_t is a u32");
TENOR_STATIC_ASSERT(sizeof(struct mft_nhdr) == 20, "note header is 20 bytes");
TENOR_STATIC_ASSERT(sizeof(struct mft_entry) == 104, "manifest entry is 104 bytes");
TENOR_STATIC_ASSERT(offsetof(struct mft_entry, type) == 68, "entry.type at 68");
TENOR_STATIC_ASSERT(offsetof(struct mft_entry, u) == 72, "entry.u at 72");
TENOR_STATIC_ASSERT(offsetof(struct mft_entry, u.block_basic.block_size) == 80, "block_size at 80");
TENOR_STATIC_ASSERT(offsetof(struct mft_entry, u.net_basic.mtu) == 78, "mtu at 78");
TENOR_STATIC_ASSERT(offsetof(struct mft_entry, b) == 88, "entry.b at 88");
TENOR_STATIC_ASSERT(offsetof(struct mft_entry, attached) == 96, "entry.attached at 96");
TENOR_STATIC_ASSERT(sizeof(struct mft) == 8, "manifest header is 8 bytes");
TENOR_STATIC_ASSERT(MFT_MAX_SIZE == 6664, "largest manifest is 6664 bytes");

#endif /* TENOR_MFT_ABI_H */
