/*
 * test_notls.c: with no TLS block set the FS base is 0, so reading %fs:0x28
 * (where glibc keeps the stack canary) touches page 0 and faults.
 */

#include "util.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    uint64_t value;

    (void)si;
    puts("reading %fs:0x28 with no TLS set\n");
    __asm__ __volatile__("movq %%fs:0x28, %0" : "=r"(value) : : "memory");
    puts("read ");
    put_hex(value);
    puts("\n");
    fail("reading %fs:0x28 without TLS did not fault");
}
