/*
 * test_seccomp.c: a system call the spt seccomp filter does not allow kills
 * the unikernel with SIGSYS (a shell sees exit status 159). The command line
 * picks it: getpid (the default) or open ("/etc/passwd", read-only).
 */

#include "spt_util.h"

static void report(long result)
{
    puts("the system call returned ");
    put_hex((uint64_t)result);
    puts("\n");
    fail("a forbidden system call was not stopped");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    static const char path[] = "/etc/passwd";

    /* Allowed calls work up to the forbidden one. */
    check(solo5_clock_monotonic() > 0, "the monotonic clock reads 0");
    if (si->cmdline[0] == '\0' || strcmp(si->cmdline, "getpid") == 0)
        report(spt_attempt("getpid()", SYS_GETPID, 0, 0, 0, 0));
    else if (strcmp(si->cmdline, "open") == 0)
        report(spt_attempt("open(\"/etc/passwd\", O_RDONLY)", SYS_OPEN, (uintptr_t)path, 0, 0, 0));
    fail("unknown system call: expected getpid or open");
}
