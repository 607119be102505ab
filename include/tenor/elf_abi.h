/*
 * elf_abi.h: the "ABI1" ELF note naming the target and ABI version a
 * unikernel was built for, laid out as Solo5's.
 *
 * Plain C99, shared by the bindings, the monitors and the tools.
 */

#ifndef TENOR_ELF_ABI_H
#define TENOR_ELF_ABI_H

#include <stdint.h>

#define ABI1_NOTE_NAME "Solo5"
#define ABI1_NOTE_TYPE 0x31494241 /* "ABI1" */

/*
 * Targets. 1..6 are upstream Solo5's (a tenor monitor refuses them, naming
 * them); tenor's own ABIs are distinct targets so that neither project's
 * monitor mistakes the other's binaries for its own.
 */
enum abi_target {
    ABI_TARGET_SOLO5_HVT = 1,
    ABI_TARGET_SOLO5_SPT = 2,
    ABI_TARGET_SOLO5_VIRTIO = 3,
    ABI_TARGET_SOLO5_MUEN = 4,
    ABI_TARGET_SOLO5_GENODE = 5,
    ABI_TARGET_SOLO5_XEN = 6,
    ABI_TARGET_TENOR_HVT = 0x7401,
    ABI_TARGET_TENOR_SPT = 0x7402
};

/* The ABI version of each tenor target, bumped on any incompatible change. */
#define TENOR_HVT_ABI_VERSION 1
#define TENOR_SPT_ABI_VERSION 1

struct abi1_nhdr {
    uint32_t n_namesz;
    uint32_t n_descsz;
    uint32_t n_type;
    char n_name[(sizeof(ABI1_NOTE_NAME) + 3) & ~3U];
};

struct abi1_info {
    uint32_t abi_target;  /* enum abi_target */
    uint32_t abi_version;
    uint32_t reserved0;
    uint32_t reserved1;
};

struct abi1_note {
    struct abi1_nhdr h;
    struct abi1_info i;
};

#ifdef __cplusplus
static_assert(sizeof(struct abi1_nhdr) == 20, "ABI1 note header is 20 bytes");
static_assert(sizeof(struct abi1_info) == 16, "ABI1 descriptor is 16 bytes");
static_assert(sizeof(struct abi1_note) == 36, "ABI1 note is 36 bytes");
#else
_Static_assert(sizeof(struct abi1_nhdr) == 20, "ABI1 note header is 20 bytes");
_Static_assert(sizeof(struct abi1_info) == 16, "ABI1 descriptor is 16 bytes");
_Static_assert(sizeof(struct abi1_note) == 36, "ABI1 note is 36 bytes");
#endif

#endif /* TENOR_ELF_ABI_H */
