/*
 * test_gp.c: hlt is privileged, so executing it at CPL3 raises a general
 * protection fault (Intel SDM Vol. 2A, HLT: #GP(0) if CPL is not 0).
 */

#include "util.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    puts("executing hlt at CPL3\n");
    __asm__ __volatile__("hlt");
    fail("hlt at CPL3 did not fault");
}
