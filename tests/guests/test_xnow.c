/* test_xnow.c: .text is mapped read-only (W^X), so writing into a function's bytes faults. */

#include "util.h"

__attribute__((noinline)) static int victim(int x)
{
    return x * 3 + 1;
}

int solo5_app_main(const struct solo5_start_info *si)
{
    int (*volatile function)(int) = victim;
    uint8_t *volatile target = (uint8_t *)(uintptr_t)function;

    (void)si;
    check(function(2) == 7, "the victim function does not run");
    puts("writing to .text at ");
    put_hex((uintptr_t)target);
    puts("\n");
    /* 0xc3 is `ret`: if the write went through, victim would now return garbage. */
    *target = 0xc3;
    fail("a write to .text did not fault");
}
