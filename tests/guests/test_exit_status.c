/*
 * test_exit_status.c: the guest's exit status reaches the monitor's exit
 * status. The command line picks the way out: "exit" calls solo5_exit(42),
 * "return" returns 7 from solo5_app_main.
 */

#include "util.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    if (strcmp(si->cmdline, "exit") == 0) {
        puts("calling solo5_exit(42)\n");
        solo5_exit(42);
    }
    if (strcmp(si->cmdline, "return") == 0) {
        puts("returning 7 from solo5_app_main\n");
        return 7;
    }
    fail("expected the command line 'exit' or 'return'");
}
