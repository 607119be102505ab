/*
 * test_spt_hostile_net.c: the spt counterparts of hvt's hostile network and
 * block-on-a-NIC tests. The manifest declares the block device "storage"
 * and the net device "service". The command line picks the attack:
 *   pread-net-fd      pread64() on the NIC's tap descriptor: SIGSYS
 *   pwrite-net-fd     pwrite64() on it: SIGSYS
 *   read-other-nic N  read() on descriptor N, a tap the monitor holds but did
 *                     not attach to this guest: SIGSYS
 *   read-own-nic      read() on the guest's own tap with nothing pending:
 *                     the kernel answers EAGAIN (exit 0)
 *   write-frame-0     write() of an empty frame: the filter allows it and the
 *                     tap driver answers; the guest goes on (exit 0)
 *   write-frame-70000 write() of a 70000-byte frame, larger than any tap
 *                     takes: refused by the tap driver (exit 0)
 */

#include "spt_util.h"

#define EAGAIN 11
#define BIG_FRAME 70000

static uint8_t frame[BIG_FRAME];

static void forbidden(const char *what, long nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    long result = spt_attempt(what, nr, a0, a1, a2, a3);

    puts("the system call returned ");
    put_hex((uint64_t)result);
    puts("\n");
    fail("the seccomp filter allowed a forbidden system call");
}

/* An allowed call: prints the kernel's answer and succeeds. */
static void answered(const char *what, long nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
    long result = spt_attempt(what, nr, a0, a1, a2, 0);

    puts("the kernel answered ");
    if (result < 0) {
        puts("-");
        put_u64((uint64_t)-result);
    } else {
        put_u64((uint64_t)result);
    }
    puts("\n");
    success();
    solo5_exit(SOLO5_EXIT_SUCCESS);
}

static bool has_prefix(const char *text, const char *prefix)
{
    while (*prefix != '\0') {
        if (*text++ != *prefix++)
            return false;
    }
    return true;
}

static uint64_t parse_fd(const char *text)
{
    uint64_t fd = 0;

    check(*text >= '0' && *text <= '9', "read-other-nic needs a descriptor number");
    while (*text >= '0' && *text <= '9')
        fd = fd * 10 + (uint64_t)(*text++ - '0');
    return fd;
}

int solo5_app_main(const struct solo5_start_info *si)
{
    const char *name = si->cmdline;
    uint64_t nic = spt_host_fd("service");

    if (strcmp(name, "pread-net-fd") == 0)
        forbidden("pread64() on the NIC", TENOR_SPT_SYS_PREAD64, nic, (uintptr_t)frame, 512, 0);
    else if (strcmp(name, "pwrite-net-fd") == 0)
        forbidden("pwrite64() on the NIC", TENOR_SPT_SYS_PWRITE64, nic, (uintptr_t)frame, 512, 0);
    else if (has_prefix(name, "read-other-nic "))
        forbidden("read() on another tap", TENOR_SPT_SYS_READ, parse_fd(name + 15), (uintptr_t)frame, 1514, 0);
    else if (strcmp(name, "read-own-nic") == 0)
        answered("read() on the guest's own tap", TENOR_SPT_SYS_READ, nic, (uintptr_t)frame, sizeof frame);
    else if (strcmp(name, "write-frame-0") == 0)
        answered("write() of an empty frame", TENOR_SPT_SYS_WRITE, nic, (uintptr_t)frame, 0);
    else if (strcmp(name, "write-frame-70000") == 0)
        answered("write() of a 70000-byte frame", TENOR_SPT_SYS_WRITE, nic, (uintptr_t)frame, BIG_FRAME);
    fail("unknown attack: see test_spt_hostile_net.c for the list");
}
