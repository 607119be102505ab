/*
 * test_stackoverflow.c: unbounded recursion runs the stack into the unmapped
 * guard page below it, which the monitor reports as a stack overflow rather
 * than letting the stack grow into the heap or the kernel image.
 */

#include "util.h"

/* Never reached; read through volatile so that the recursion is not provably infinite. */
static volatile uint64_t depth_limit = UINT64_MAX;

/*
 * The volatile array is used after the recursive call, so every frame stays
 * live: the compiler can neither turn the recursion into a loop nor shrink
 * the frame.
 */
__attribute__((noinline)) static uint64_t recurse(uint64_t depth)
{
    volatile uint8_t frame[512];
    uint64_t below;

    if (depth == depth_limit)
        return 0;
    frame[0] = (uint8_t)depth;
    below = recurse(depth + 1);
    __asm__ __volatile__("" : : "r"(frame) : "memory");
    return below + frame[0];
}

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    puts("recursing without bound\n");
    put_u64(recurse(0));
    fail("unbounded recursion did not fault");
}
