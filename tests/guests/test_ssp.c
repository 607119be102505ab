/*
 * test_ssp.c: overflowing a stack buffer in a function built with the stack
 * protector is caught on return: the bindings print "stack smashing
 * detected" and abort (255).
 */

#include "util.h"

/* Volatile so that the compiler cannot prove the overflow and warn or drop it. */
static volatile size_t overflow_length = 64;

/*
 * The wrapper compiles with -fstack-protector-strong, which guards every
 * function with a local array; the attribute makes that explicit.
 */
__attribute__((noinline, stack_protect)) static void smash(void)
{
    char buffer[16];

    memset(buffer, 'A', overflow_length);
    __asm__ __volatile__("" : : "r"(buffer) : "memory");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    puts("overflowing a 16-byte stack buffer by 48 bytes\n");
    smash();
    fail("the stack protector did not catch the overflow");
}
