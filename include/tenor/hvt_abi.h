/*
 * hvt_abi.h: tenor's hvt ABI, the contract between tenor-hvt and the hvt
 * bindings: guest memory layout, boot information and hypercalls.
 *
 * Plain C99, shared by both sides. docs/abi.md explains the design. The
 * guest runs in 64-bit mode at CPL3 with guest-virtual == guest-physical
 * addresses; the monitor owns the page tables, descriptor tables and the
 * ring-0 trap stubs, none of which the guest can write.
 */

#ifndef TENOR_HVT_ABI_H
#define TENOR_HVT_ABI_H

#include <stdint.h>

/* Guest memory layout (guest-physical == guest-virtual). */
#define TENOR_HVT_PAGE_SIZE 0x1000ULL
/* 0x0 .. 0xfff is never mapped, so that null dereferences fault. */
#define TENOR_HVT_BOOT_INFO 0x1000ULL      /* struct tenor_hvt_boot_info, guest read-only */
#define TENOR_HVT_CMDLINE 0x2000ULL        /* NUL-terminated, guest read-only */
#define TENOR_HVT_CMDLINE_SIZE 0x2000ULL   /* including the NUL */
#define TENOR_HVT_MANIFEST 0x4000ULL       /* struct mft after attaching, guest read-only */
#define TENOR_HVT_MANIFEST_SIZE 0x2000ULL
#define TENOR_HVT_GDT 0x6000ULL            /* supervisor only */
#define TENOR_HVT_IDT 0x7000ULL            /* supervisor only */
#define TENOR_HVT_TSS 0x8000ULL            /* supervisor only, with the I/O bitmap */
#define TENOR_HVT_TSS_SIZE 0x3000ULL
#define TENOR_HVT_TRAP_CODE 0xb000ULL      /* ring-0 trap stubs, supervisor execute-only */
#define TENOR_HVT_TRAP_STACK 0xc000ULL     /* ring-0 stack, supervisor only */
#define TENOR_HVT_TRAP_STACK_TOP 0xe000ULL
#define TENOR_HVT_PAGE_TABLES 0x10000ULL   /* not mapped at all */
#define TENOR_HVT_PAGE_TABLES_END 0x90000ULL
#define TENOR_HVT_KERNEL_BASE 0x100000ULL  /* lowest address a PT_LOAD may use */
/* Hypercall arguments are passed as 32-bit addresses, so memory ends below 4 GiB. */
#define TENOR_HVT_MEM_MAX 0xffe00000ULL

/* Segment selectors of the GDT the monitor builds (Intel SDM Vol. 3A, 3.4.2). */
#define TENOR_HVT_SEL_KERNEL_CS 0x08
#define TENOR_HVT_SEL_KERNEL_DS 0x10
#define TENOR_HVT_SEL_USER_DS 0x1b
#define TENOR_HVT_SEL_USER_CS 0x23
#define TENOR_HVT_SEL_TSS 0x28

#define TENOR_HVT_BOOT_MAGIC 0x74766820726f6e65ULL /* "enor hvt" */

/* boot_info.flags */
/* CR4.FSGSBASE is set: the guest MAY use wrfsbase itself. */
#define TENOR_HVT_BOOT_FSGSBASE (1U << 0)

/*
 * What the monitor hands the guest at entry, at TENOR_HVT_BOOT_INFO; its
 * address is also in %rdi. The guest starts at the ELF entry point at CPL3
 * with %rsp = stack_top, interrupts off, SSE (and AVX when the CPU has it)
 * enabled, MXCSR and the x87 control word at their reset values.
 */
struct tenor_hvt_boot_info {
    uint64_t magic;          /* TENOR_HVT_BOOT_MAGIC */
    uint32_t abi_version;    /* TENOR_HVT_ABI_VERSION */
    uint32_t flags;          /* TENOR_HVT_BOOT_* */
    uint64_t mem_size;       /* bytes of guest memory */
    uint64_t kernel_end;     /* first page after the highest PT_LOAD */
    uint64_t heap_start;     /* free memory for the application */
    uint64_t heap_size;
    uint64_t stack_top;      /* initial %rsp; the stack grows down */
    uint64_t stack_size;     /* an unmapped guard page lies below the stack */
    uint64_t cmdline;        /* address of the command line */
    uint64_t mft;            /* address of the attached manifest */
    uint64_t tsc_mult;       /* nanoseconds = (tsc_delta * tsc_mult) >> tsc_shift */
    uint32_t tsc_shift;
    uint32_t reserved0;
    uint64_t tsc_hz;         /* TSC frequency, for the banner */
    uint64_t entropy[2];     /* random words, e.g. for the stack protector */
};

/*
 * Hypercalls: the guest executes `outl %eax, $port` with port =
 * TENOR_HVT_PIO_BASE + number and %eax = the address of the argument
 * structure, which MUST be naturally aligned and lie wholly in guest memory.
 * The TSS I/O permission bitmap lets CPL3 reach only these ports.
 */
#define TENOR_HVT_PIO_BASE 0x500
#define TENOR_HVT_PIO_COUNT 16
/* Port used only by the ring-0 trap stubs; not reachable from CPL3. */
#define TENOR_HVT_PIO_TRAP 0x5ff

enum tenor_hvt_hypercall {
    TENOR_HVT_HC_WALLTIME = 1,
    TENOR_HVT_HC_PUTS = 2,
    TENOR_HVT_HC_YIELD = 3,
    TENOR_HVT_HC_HALT = 4,
    TENOR_HVT_HC_SET_FS_BASE = 5,
    /* 6 and 7 are reserved: frames travel through the network rings. */
    TENOR_HVT_HC_BLOCK_WRITE = 8,
    TENOR_HVT_HC_BLOCK_READ = 9,
    TENOR_HVT_HC_NET_KICK = 10
};

struct tenor_hvt_hc_walltime {
    uint64_t nsecs;          /* out: UTC nanoseconds since the epoch */
};

struct tenor_hvt_hc_puts {
    uint64_t data;           /* in: address of the bytes */
    uint64_t len;            /* in: number of bytes */
};

/*
 * The timeout is relative so that the monitor needs no knowledge of the
 * guest's TSC origin.
 */
struct tenor_hvt_hc_yield {
    uint64_t timeout_ns;     /* in: longest time to sleep */
    uint64_t ready_set;      /* out: network handles with pending input */
};

struct tenor_hvt_hc_halt {
    int64_t status;          /* in: exit status, 0..255 */
};

struct tenor_hvt_hc_set_fs_base {
    uint64_t base;           /* in: new FS base, a canonical address */
};

/*
 * Block I/O: offset and len MUST be multiples of the device's block size and
 * the range MUST lie inside the device. One exit per request; len MAY span
 * many blocks, up to TENOR_HVT_BLOCK_IO_MAX bytes.
 */
#define TENOR_HVT_BLOCK_IO_MAX (1ULL << 20)
struct tenor_hvt_hc_block_io {
    uint64_t handle;         /* in: manifest index */
    uint64_t offset;         /* in: byte offset on the device */
    uint64_t data;           /* in: address of the guest buffer */
    uint64_t len;            /* in: bytes to transfer */
    int64_t ret;             /* out: a solo5_result_t */
};

/*
 * Network devices: shared-memory rings, no exit per packet.
 *
 * Each attached NET_BASIC device has two rings in guest memory, laid out by
 * the monitor between the kernel and the heap: TX (guest produces, monitor
 * consumes) at the address the monitor stores in the device's manifest entry
 * (mft_entry.b.reserved), and RX (monitor produces, guest consumes) right
 * after it, tenor_hvt_net_ring_size(mtu) bytes later. A ring is a header
 * page followed by TENOR_HVT_NET_RING_SLOTS slots of
 * tenor_hvt_net_slot_size(mtu) bytes; slot i holds one Ethernet frame of
 * len[i] bytes.
 *
 * Indices are free-running u32 counters: the ring holds producer - consumer
 * frames, slot = index % TENOR_HVT_NET_RING_SLOTS. The producer fills a slot,
 * then publishes it with a release store of `producer`; the consumer reads
 * `producer` with acquire, consumes, then release-stores `consumer`.
 *
 * Notification: a side that stops polling sets its flag, then re-checks the
 * ring (with a full barrier between) before sleeping; the other side, after
 * publishing, reads the flag (again after a full barrier) and if set, kicks:
 * the guest kicks the monitor with an `outl` to TENOR_HVT_PIO_BASE +
 * TENOR_HVT_HC_NET_KICK (the value is ignored; the monitor serves it in the
 * kernel with an ioeventfd where it can). The monitor wakes a guest sleeping
 * in YIELD itself.
 * - TX.consumer_sleeping: the monitor stopped draining TX; kick after producing.
 * - RX.producer_waiting: the monitor found RX full and stopped reading the tap;
 *   kick after consuming.
 * Everything in a ring is hostile to the monitor: it reads each index and
 * length once, and stops the guest if they are impossible.
 */
#define TENOR_HVT_NET_RING_SLOTS 256U
#define TENOR_HVT_NET_RING_HEADER 4096U

struct tenor_hvt_net_ring {
    uint32_t producer;
    uint8_t pad0[60];
    uint32_t consumer;
    uint8_t pad1[60];
    uint32_t consumer_sleeping;
    uint8_t pad2[60];
    uint32_t producer_waiting;
    uint8_t pad3[60];
    uint32_t len[TENOR_HVT_NET_RING_SLOTS];
};

/* Bytes per slot: the largest frame (mtu + 14), rounded up to 64. */
static inline uint64_t tenor_hvt_net_slot_size(uint64_t mtu)
{
    return (mtu + 14 + 63) & ~63ULL;
}

/* Bytes per ring, header included; a multiple of the page size. */
static inline uint64_t tenor_hvt_net_ring_size(uint64_t mtu)
{
    uint64_t size = TENOR_HVT_NET_RING_HEADER +
        TENOR_HVT_NET_RING_SLOTS * tenor_hvt_net_slot_size(mtu);
    return (size + TENOR_HVT_PAGE_SIZE - 1) & ~(TENOR_HVT_PAGE_SIZE - 1);
}

/*
 * What the CPU and the ring-0 trap stub leave on the trap stack, lowest
 * address first (Intel SDM Vol. 3A, 6.14.2, 64-bit mode stack frame); the
 * stub pushes a zero error code for vectors that have none.
 */
struct tenor_hvt_trap_frame {
    uint64_t error_code;
    uint64_t rip;
    uint64_t cs;
    uint64_t rflags;
    uint64_t rsp;
    uint64_t ss;
};

#ifdef __cplusplus
#define TENOR_HVT_ASSERT static_assert
#else
#define TENOR_HVT_ASSERT _Static_assert
#endif
TENOR_HVT_ASSERT(sizeof(struct tenor_hvt_boot_info) == 120, "boot info layout");
TENOR_HVT_ASSERT(sizeof(struct tenor_hvt_hc_puts) == 16, "puts layout");
TENOR_HVT_ASSERT(sizeof(struct tenor_hvt_hc_yield) == 16, "yield layout");
TENOR_HVT_ASSERT(sizeof(struct tenor_hvt_trap_frame) == 48, "trap frame layout");
TENOR_HVT_ASSERT(sizeof(struct tenor_hvt_hc_block_io) == 40, "block I/O layout");
TENOR_HVT_ASSERT(sizeof(struct tenor_hvt_net_ring) == 256 + 4 * 256, "net ring header layout");
TENOR_HVT_ASSERT(sizeof(struct tenor_hvt_net_ring) <= TENOR_HVT_NET_RING_HEADER, "net ring header fits");
#undef TENOR_HVT_ASSERT

#endif /* TENOR_HVT_ABI_H */
