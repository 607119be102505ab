/* test_globals.c: an initialised global (.data) holds its value and is writable. */

#include "util.h"

#define INITIAL 0x5a5a5a5a
#define UPDATED 0x12345678

static int counter = INITIAL;
/* Read through a volatile pointer so the compiler cannot fold the checks. */
static int *volatile counter_ptr = &counter;

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    check_eq((uint64_t)*counter_ptr, INITIAL, "initial value of a .data global");
    *counter_ptr = UPDATED;
    check_eq((uint64_t)*counter_ptr, UPDATED, "value of a .data global after writing it");
    success();
    return SOLO5_EXIT_SUCCESS;
}
