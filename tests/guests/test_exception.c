/*
 * test_exception.c: a write far above guest memory (an unmapped, canonical
 * address) stops the unikernel with a page fault.
 */

#include "util.h"

#define FAR_ADDRESS 0x7fffffff0000ULL

int solo5_app_main(const struct solo5_start_info *si)
{
    /* Volatile so that the compiler neither reasons about nor drops the store. */
    volatile uintptr_t address = FAR_ADDRESS;

    (void)si;
    puts("writing to ");
    put_hex(address);
    puts("\n");
    *(volatile uint32_t *)address = 1;
    fail("a write far above guest memory did not fault");
}
