/* test_hello.c: the command line arrives intact, the heap is non-empty and the console works. */

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
