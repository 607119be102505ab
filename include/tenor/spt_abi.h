/*
 * spt_abi.h: tenor's spt ABI, the contract between tenor-spt and the spt
 * bindings: where the guest lives inside the monitor's process, the boot
 * information, and the Linux system calls the seccomp filter lets through.
 *
 * Plain C99, shared by both sides. docs/spt.md explains the design. The
 * guest runs in 64-bit user mode inside the monitor's own process, at the
 * fixed addresses below (the monitor itself is a PIE at high addresses); it
 * talks to the host kernel directly with the `syscall` instruction, and a
 * seccomp filter built from the manifest allows only the calls listed here,
 * with their arguments pinned.
 */

#ifndef TENOR_SPT_ABI_H
#define TENOR_SPT_ABI_H

#include <stdint.h>

/* Guest memory layout: guest addresses are host virtual addresses. */
#define TENOR_SPT_PAGE_SIZE 0x1000ULL
/*
 * Nothing below TENOR_SPT_MEM_BASE is mapped, the zero page included, so
 * that null dereferences fault. 64 KiB is the largest vm.mmap_min_addr that
 * distributions use, so the mapping works on every host.
 */
#define TENOR_SPT_MEM_BASE 0x10000ULL
#define TENOR_SPT_BOOT_INFO 0x10000ULL      /* struct tenor_spt_boot_info, guest read-only */
#define TENOR_SPT_CMDLINE 0x11000ULL        /* NUL-terminated, guest read-only */
#define TENOR_SPT_CMDLINE_SIZE 0x2000ULL    /* including the NUL */
#define TENOR_SPT_MANIFEST 0x13000ULL       /* struct mft after attaching, guest read-only */
#define TENOR_SPT_MANIFEST_SIZE 0x2000ULL
#define TENOR_SPT_RESERVED_END 0x15000ULL   /* [this, KERNEL_BASE) is mapped PROT_NONE */
#define TENOR_SPT_KERNEL_BASE 0x100000ULL   /* lowest address a PT_LOAD may use, as on hvt */

#define TENOR_SPT_BOOT_MAGIC 0x74707320726f6e65ULL /* "enor spt" */

/* boot_info.flags */
/*
 * The host kernel lets user space use wrfsbase (AT_HWCAP2 has
 * HWCAP2_FSGSBASE): the guest MUST set its FS base with wrfsbase, and the
 * filter then does not allow arch_prctl at all. Without the flag the guest
 * MUST use arch_prctl(ARCH_SET_FS, base).
 */
#define TENOR_SPT_BOOT_FSGSBASE (1U << 0)

/*
 * What the monitor hands the guest at entry, at TENOR_SPT_BOOT_INFO; its
 * address is also in %rdi. The guest starts at the ELF entry point with
 * %rsp = stack_top, the FS base 0, every other general register 0, and the
 * x87/SSE state the host kernel gave the process (MXCSR 0x1f80, x87 control
 * word 0x37f).
 *
 * A device's host descriptor is in its manifest entry's private field
 * (mft_entry.b.hostfd), as in Solo5's spt.
 */
struct tenor_spt_boot_info {
    uint64_t magic;          /* TENOR_SPT_BOOT_MAGIC */
    uint32_t abi_version;    /* TENOR_SPT_ABI_VERSION */
    uint32_t flags;          /* TENOR_SPT_BOOT_* */
    uint64_t mem_size;       /* guest memory ends here (exclusive) */
    uint64_t kernel_end;     /* first page after the highest PT_LOAD */
    uint64_t heap_start;     /* free memory for the application */
    uint64_t heap_size;
    uint64_t stack_top;      /* initial %rsp; the stack grows down */
    uint64_t stack_size;     /* a PROT_NONE guard page lies below the stack */
    uint64_t cmdline;        /* address of the command line */
    uint64_t mft;            /* address of the attached manifest */
    /*
     * Address of the host vDSO's clock_gettime(clockid, struct timespec *),
     * or 0 if the host has none: the guest then makes the clock_gettime
     * system call itself. The vDSO falls back to that same system call when
     * the host clock source cannot be read from user space.
     */
    uint64_t vdso_clock_gettime;
    uint64_t entropy[2];     /* random words, e.g. for the stack protector */
};

/*
 * The system calls the filter allows (Linux x86_64 numbers,
 * arch/x86/entry/syscalls/syscall_64.tbl), each with what it is pinned to.
 * Anything else, any other argument, and any 32-bit or x32 system call kills
 * the whole process with SIGSYS (exit status 128 + 31 = 159 in a shell).
 */
#define TENOR_SPT_SYS_READ 0          /* fd = a NIC's tap */
#define TENOR_SPT_SYS_WRITE 1         /* fd = 1 (console) or a NIC's tap */
#define TENOR_SPT_SYS_PREAD64 17      /* fd, len and offset: see below */
#define TENOR_SPT_SYS_PWRITE64 18     /* the same */
#define TENOR_SPT_SYS_ARCH_PRCTL 158  /* code = ARCH_SET_FS, only without FSGSBASE */
#define TENOR_SPT_SYS_CLOCK_GETTIME 228 /* clock = CLOCK_REALTIME or CLOCK_MONOTONIC */
#define TENOR_SPT_SYS_EXIT_GROUP 231
#define TENOR_SPT_SYS_PPOLL 271       /* nfds <= the number of NICs, sigmask = NULL */
#define TENOR_SPT_SYS_FALLOCATE 285   /* mode = FALLOC_FL_KEEP_SIZE; fd, len, offset as pwrite64 */

/* Linux UAPI values the guest passes (include/uapi/linux/time.h, asm/prctl.h). */
#define TENOR_SPT_CLOCK_REALTIME 0
#define TENOR_SPT_CLOCK_MONOTONIC 1
#define TENOR_SPT_ARCH_SET_FS 0x1002
#define TENOR_SPT_FALLOC_FL_KEEP_SIZE 1 /* include/uapi/linux/falloc.h */

/*
 * Block I/O: a pread64/pwrite64 on a block device's descriptor MUST move
 * block_size << k bytes for some k >= 0, at most TENOR_SPT_BLOCK_IO_MAX,
 * at an offset <= capacity - len. The filter allows exactly these lengths,
 * so the bindings split a longer request into such chunks. fallocate(fd,
 * FALLOC_FL_KEEP_SIZE, offset, len) is allowed for the same ranges: the
 * bindings reserve every chunk of a write before writing any, so that a
 * full host file system refuses the whole write (writes are all or nothing).
 */
#define TENOR_SPT_BLOCK_IO_MAX (1ULL << 20)

#ifdef __cplusplus
#define TENOR_SPT_ASSERT static_assert
#else
#define TENOR_SPT_ASSERT _Static_assert
#endif
TENOR_SPT_ASSERT(sizeof(struct tenor_spt_boot_info) == 104, "boot info layout");
TENOR_SPT_ASSERT(TENOR_SPT_CMDLINE + TENOR_SPT_CMDLINE_SIZE <= TENOR_SPT_MANIFEST, "cmdline fits");
TENOR_SPT_ASSERT(TENOR_SPT_MANIFEST + TENOR_SPT_MANIFEST_SIZE <= TENOR_SPT_RESERVED_END,
                 "manifest fits");
#undef TENOR_SPT_ASSERT

#endif /* TENOR_SPT_ABI_H */
