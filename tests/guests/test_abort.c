/* test_abort.c: solo5_abort() ends the unikernel with status 255 (SOLO5_EXIT_ABORT). */

#include "util.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    puts("calling solo5_abort()\n");
    solo5_abort();
}
