/* test_rnow.c: .rodata is mapped read-only, so writing to it faults. */

#include "util.h"

static const char message[] = "this string lives in .rodata";

int solo5_app_main(const struct solo5_start_info *si)
{
    /* Through a volatile pointer so the compiler cannot see the write hits a const object. */
    char *volatile target = (char *)message;

    (void)si;
    check(message[0] == 't', "cannot read .rodata");
    puts("writing to .rodata at ");
    put_hex((uintptr_t)target);
    puts("\n");
    *target = 'T';
    fail("a write to .rodata did not fault");
}
