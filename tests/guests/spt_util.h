/*
 * spt_util.h: helpers for the spt-only test guests: raw Linux system calls,
 * bypassing the bindings, and the boot info and attached manifest the
 * monitor passes (include/tenor/spt_abi.h).
 */

#ifndef TENOR_TEST_SPT_UTIL_H
#define TENOR_TEST_SPT_UTIL_H

#include <tenor/mft_abi.h>
#include <tenor/spt_abi.h>

#include "util.h"

/* Linux x86_64 system call numbers (arch/x86/entry/syscalls/syscall_64.tbl) the tests use. */
#define SYS_OPEN 2
#define SYS_MMAP 9
#define SYS_MPROTECT 10
#define SYS_GETPID 39
#define SYS_X32_BIT 0x40000000L

/* Returns the kernel's result, or -errno. */
static inline long spt_syscall(long nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    long ret;
    register uint64_t r10 __asm__("r10") = a3;

    __asm__ __volatile__("syscall"
                         : "=a"(ret)
                         : "a"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10)
                         : "rcx", "r11", "memory");
    return ret;
}

static inline const struct tenor_spt_boot_info *spt_boot_info(void)
{
    const struct tenor_spt_boot_info *info = (const struct tenor_spt_boot_info *)TENOR_SPT_BOOT_INFO;

    check_eq(info->magic, TENOR_SPT_BOOT_MAGIC, "boot info magic");
    return info;
}

/* The host descriptor of the attached device declared as name; fails the test if there is none. */
static inline uint64_t spt_host_fd(const char *name)
{
    const struct mft *mft = (const struct mft *)spt_boot_info()->mft;

    for (uint32_t i = 1; i < mft->entries; i++) {
        if (strcmp(mft->e[i].name, name) == 0 && mft->e[i].attached)
            return (uint64_t)mft->e[i].b.hostfd;
    }
    fail("the device is not attached");
}

/* Announces a system call the filter must refuse, then makes it. */
static inline long spt_attempt(const char *what, long nr, uint64_t a0, uint64_t a1, uint64_t a2,
                               uint64_t a3)
{
    puts("attempting ");
    puts(what);
    puts("\n");
    return spt_syscall(nr, a0, a1, a2, a3);
}

#endif /* TENOR_TEST_SPT_UTIL_H */
