/*
 * test_quiet.c: the same output as test_hello, run with --solo5:quiet so
 * that the test can check the bindings print no banner and strip the option
 * from the command line.
 */

#include "util.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    puts("Hello, World\nCommand line is: '");
    puts(si->cmdline);
    puts("'\n");
    check(si->heap_size > 0, "the start info reports an empty heap");
    success();
    return SOLO5_EXIT_SUCCESS;
}
