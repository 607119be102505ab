/* test_zeropage.c: a write to address 8, in the never-mapped page 0, faults. */

#include "util.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    /* Volatile: GCC treats small constant addresses like NULL and might drop the store. */
    volatile uintptr_t address = 8;

    (void)si;
    puts("writing to 0x8\n");
    *(volatile uint32_t *)address = 1;
    fail("a write to address 8 did not fault");
}
