/*
 * test_spt_hostile.c: what a hostile spt guest can try instead of hvt's
 * hostile hypercalls: system calls the filter does not allow, or allowed
 * ones on descriptors, ranges or arguments it does not allow. Each of those
 * must kill the unikernel with SIGSYS (exit status 159). The manifest
 * declares the block device "storage". The command line picks the attack:
 *   write-stderr      write(2, ...) from a guest buffer
 *   read-stdin        read(0, ...): system call 0 on a descriptor the guest does not own
 *   read-block-fd     read() on the block device's descriptor (only pread64 is allowed)
 *   pread-console     pread64() on the console's descriptor
 *   pwrite-past-end   pwrite64() of one block at the capacity
 *   pread-straddle    pread64() of two blocks starting at the last block
 *   pread-odd-length  pread64() of three blocks (not block_size << k)
 *   pwrite-fd-high    pwrite64() on the block descriptor with bit 32 set, which
 *                     the kernel would ignore
 *   ppoll-nfds        ppoll() of one descriptor with no NIC attached
 *   ppoll-sigmask     ppoll() with a signal mask
 *   clock-cputime     clock_gettime(CLOCK_PROCESS_CPUTIME_ID)
 *   arch-prctl-get    arch_prctl(ARCH_GET_FS)
 *   mprotect-text     mprotect() of the guest's own text, read-write-execute
 *   mmap              mmap() of an anonymous page
 *   unknown           system call 500, which does not exist
 *   x32               getpid through the x32 ABI
 *   int80             getpid through the 32-bit `int $0x80` entry
 *   pread-fd-0        pread64() on descriptor 0
 *   pwrite-fd-99      pwrite64() on descriptor 99
 *   pread-fd-huge     pread64() on descriptor 2^63
 *   pread-huge-len    pread64() of 2^63 bytes
 * These do not kill the guest, which reports what happened and succeeds:
 * the kernel checks buffers itself.
 *   write-outside     write(1, ...) from an unmapped address: the kernel
 *                     refuses with EFAULT and nothing is printed
 *   write-wrap        write(1, ...) whose end wraps around 2^64: EFAULT too
 *   pwrite-outside    pwrite64() of one block from above guest memory: EFAULT
 *   pread-outside     pread64() of one block into memory above the guest: EFAULT
 *   pwrite-wrap       pwrite64() from a buffer whose end wraps around 2^64: EFAULT
 *   pread-wrap        pread64() into such a buffer: EFAULT
 *   pread-straddle-memory  pread64() of one block into a buffer running past the
 *                     end of guest memory: the kernel fills only what is there
 * And this one faults like any privileged instruction (exit status 255):
 *   port-io           an hvt hypercall (outl to port 0x502)
 */

#include "spt_util.h"

#define EFAULT 14
#define CLOCK_PROCESS_CPUTIME_ID 2
#define ARCH_GET_FS 0x1003
#define PROT_RWX 7
#define MAP_PRIVATE_ANONYMOUS 0x22

static const char message[] = "this should never reach the console\n";
static uint8_t buffer[4096] __attribute__((aligned(4096)));
static solo5_handle_t handle;
static struct solo5_block_info info;

static void forbidden(const char *what, long nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    long result = spt_attempt(what, nr, a0, a1, a2, a3);

    puts("the system call returned ");
    put_hex((uint64_t)result);
    puts("\n");
    fail("the seccomp filter allowed a forbidden system call");
}

/* A call the filter allows but the kernel refuses, for a bad buffer. */
static void refused(const char *what, const char *kind, long nr, uint64_t a0, uint64_t a1, uint64_t a2,
                    uint64_t a3)
{
    long result = spt_attempt(what, nr, a0, a1, a2, a3);

    puts(kind);
    puts(" refused: ");
    put_u64((uint64_t)-result);
    puts("\n");
    check_eq((uint64_t)result, (uint64_t)-EFAULT, "the system call's result");
    success();
    solo5_exit(SOLO5_EXIT_SUCCESS);
}

static void refused_write(const char *what, uint64_t address, uint64_t len)
{
    refused(what, "console write", TENOR_SPT_SYS_WRITE, 1, address, len, 0);
}

/* A read into a buffer half in guest memory: the kernel copies what fits. */
static void straddling_read(uint64_t fd)
{
    uint64_t bs = info.block_size;
    long result = spt_attempt("pread64() into a buffer past the end of memory", TENOR_SPT_SYS_PREAD64, fd,
                              spt_boot_info()->mem_size - bs / 2, bs, 0);

    puts("block read returned ");
    put_u64((uint64_t)result);
    puts(" of ");
    put_u64(bs);
    puts(" bytes\n");
    check_eq((uint64_t)result, bs / 2, "the short read's length");
    success();
    solo5_exit(SOLO5_EXIT_SUCCESS);
}

/* Buffers the kernel refuses: nothing is transferred. */
static void block_buffer_attack(const char *name, uint64_t fd)
{
    uint64_t bs = info.block_size;
    uint64_t above = spt_boot_info()->mem_size + 4096;
    uint64_t wrapping = UINT64_MAX - bs / 2 + 1;

    if (strcmp(name, "pwrite-outside") == 0)
        refused("pwrite64() from above guest memory", "block write", TENOR_SPT_SYS_PWRITE64, fd, above, bs, 0);
    else if (strcmp(name, "pread-outside") == 0)
        refused("pread64() into memory above the guest", "block read", TENOR_SPT_SYS_PREAD64, fd, above, bs, 0);
    else if (strcmp(name, "pwrite-wrap") == 0)
        refused("pwrite64() from a wrapping buffer", "block write", TENOR_SPT_SYS_PWRITE64, fd, wrapping, bs, 0);
    else if (strcmp(name, "pread-wrap") == 0)
        refused("pread64() into a wrapping buffer", "block read", TENOR_SPT_SYS_PREAD64, fd, wrapping, bs, 0);
    else if (strcmp(name, "pread-straddle-memory") == 0)
        straddling_read(fd);
}

static void block_attack(const char *name, uint64_t fd)
{
    uint64_t bs = info.block_size;

    block_buffer_attack(name, fd);
    if (strcmp(name, "pread-fd-0") == 0)
        forbidden("pread64(0, ...)", TENOR_SPT_SYS_PREAD64, 0, (uintptr_t)buffer, bs, 0);
    else if (strcmp(name, "pwrite-fd-99") == 0)
        forbidden("pwrite64(99, ...)", TENOR_SPT_SYS_PWRITE64, 99, (uintptr_t)buffer, bs, 0);
    else if (strcmp(name, "pread-fd-huge") == 0)
        forbidden("pread64(2^63, ...)", TENOR_SPT_SYS_PREAD64, 1ULL << 63, (uintptr_t)buffer, bs, 0);
    else if (strcmp(name, "pread-huge-len") == 0)
        forbidden("pread64() of 2^63 bytes", TENOR_SPT_SYS_PREAD64, fd, (uintptr_t)buffer, 1ULL << 63, 0);

    if (strcmp(name, "read-block-fd") == 0)
        forbidden("read() on the block device", TENOR_SPT_SYS_READ, fd, (uintptr_t)buffer, bs, 0);
    else if (strcmp(name, "pwrite-past-end") == 0)
        forbidden("pwrite64() at the capacity", TENOR_SPT_SYS_PWRITE64, fd, (uintptr_t)buffer, bs,
                  info.capacity);
    else if (strcmp(name, "pread-straddle") == 0)
        forbidden("pread64() across the end", TENOR_SPT_SYS_PREAD64, fd, (uintptr_t)buffer, 2 * bs,
                  info.capacity - bs);
    else if (strcmp(name, "pread-odd-length") == 0)
        forbidden("pread64() of three blocks", TENOR_SPT_SYS_PREAD64, fd, (uintptr_t)buffer, 3 * bs, 0);
    else if (strcmp(name, "pwrite-fd-high") == 0)
        forbidden("pwrite64() on the block descriptor + 2^32", TENOR_SPT_SYS_PWRITE64,
                  fd | (1ULL << 32), (uintptr_t)buffer, bs, 0);
}

static void other_attack(const char *name)
{
    struct { int64_t sec, nsec; } ts = {0, 0};
    uint64_t mask = 0;

    if (strcmp(name, "write-stderr") == 0)
        forbidden("write(2, ...)", TENOR_SPT_SYS_WRITE, 2, (uintptr_t)message, sizeof message - 1, 0);
    else if (strcmp(name, "read-stdin") == 0)
        forbidden("read(0, ...)", TENOR_SPT_SYS_READ, 0, (uintptr_t)buffer, 1, 0);
    else if (strcmp(name, "pread-console") == 0)
        forbidden("pread64(1, ...)", TENOR_SPT_SYS_PREAD64, 1, (uintptr_t)buffer, 512, 0);
    else if (strcmp(name, "ppoll-nfds") == 0)
        forbidden("ppoll() of 1 descriptor", TENOR_SPT_SYS_PPOLL, (uintptr_t)buffer, 1, (uintptr_t)&ts, 0);
    else if (strcmp(name, "ppoll-sigmask") == 0)
        forbidden("ppoll() with a signal mask", TENOR_SPT_SYS_PPOLL, 0, 0, (uintptr_t)&ts, (uintptr_t)&mask);
    else if (strcmp(name, "clock-cputime") == 0)
        forbidden("clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", TENOR_SPT_SYS_CLOCK_GETTIME,
                  CLOCK_PROCESS_CPUTIME_ID, (uintptr_t)&ts, 0, 0);
    else if (strcmp(name, "arch-prctl-get") == 0)
        forbidden("arch_prctl(ARCH_GET_FS)", TENOR_SPT_SYS_ARCH_PRCTL, ARCH_GET_FS, (uintptr_t)&mask, 0, 0);
    else if (strcmp(name, "mprotect-text") == 0)
        forbidden("mprotect(text, RWX)", SYS_MPROTECT, TENOR_SPT_KERNEL_BASE, 4096, PROT_RWX, 0);
    else if (strcmp(name, "unknown") == 0)
        forbidden("system call 500", 500, 0, 0, 0, 0);
    else if (strcmp(name, "x32") == 0)
        forbidden("getpid() through x32", SYS_X32_BIT | SYS_GETPID, 0, 0, 0, 0);
}

/* mmap takes six arguments; the helper passes four, and the rest are 0. */
static void mmap_attack(void)
{
    forbidden("mmap(anonymous page)", SYS_MMAP, 0, 4096, PROT_RWX, MAP_PRIVATE_ANONYMOUS);
}

/* i386 getpid is 20; the filter sees another architecture and kills. */
static void int80_attack(void)
{
    long result = 20;

    puts("attempting getpid() through int $0x80\n");
    __asm__ __volatile__("int $0x80" : "+a"(result) : : "memory");
    puts("int $0x80 returned ");
    put_hex((uint64_t)result);
    puts("\n");
    fail("the seccomp filter allowed a 32-bit system call");
}

static void port_io_attack(void)
{
    puts("attempting an hvt hypercall (outl to port 0x502)\n");
    __asm__ __volatile__("outl %0, %1" : : "a"((uint32_t)(uintptr_t)buffer), "Nd"((uint16_t)0x502) : "memory");
    fail("port I/O at CPL3 did not fault");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    const char *name = si->cmdline;

    check(solo5_block_acquire("storage", &handle, &info) == SOLO5_R_OK,
          "solo5_block_acquire(\"storage\") failed");
    block_attack(name, spt_host_fd("storage"));
    other_attack(name);
    if (strcmp(name, "mmap") == 0)
        mmap_attack();
    else if (strcmp(name, "int80") == 0)
        int80_attack();
    else if (strcmp(name, "port-io") == 0)
        port_io_attack();
    else if (strcmp(name, "write-outside") == 0)
        refused_write("write(1, ...) from address 0x8", 8, 16);
    else if (strcmp(name, "write-wrap") == 0)
        refused_write("write(1, ...) wrapping around 2^64", (uintptr_t)message,
                      UINT64_MAX - (uintptr_t)message + 1 + 16);
    fail("unknown attack: see test_spt_hostile.c for the list");
}
