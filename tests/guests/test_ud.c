/* test_ud.c: the ud2 instruction raises an invalid-opcode exception (#UD). */

#include "util.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    puts("executing ud2\n");
    __asm__ __volatile__("ud2");
    fail("ud2 did not fault");
}
