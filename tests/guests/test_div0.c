/* test_div0.c: an integer division by zero raises a divide error (#DE). */

#include "util.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    /* Volatile so that the compiler emits a real idiv instead of folding it. */
    volatile int dividend = 42;
    volatile int divisor = 0;
    int quotient;

    (void)si;
    puts("dividing by zero\n");
    quotient = dividend / divisor;
    puts("quotient ");
    put_u64((uint64_t)quotient);
    puts("\n");
    fail("dividing by zero did not fault");
}
