/* test_rnox.c: .rodata is not executable, so calling into it faults. */

#include "util.h"

/* 0xc3 is `ret`: if execution were allowed, the call would simply return. */
static const uint8_t code_in_rodata[] = { 0xc3 };

int solo5_app_main(const struct solo5_start_info *si)
{
    void (*volatile function)(void) = (void (*)(void))(uintptr_t)code_in_rodata;

    (void)si;
    puts("calling into .rodata at ");
    put_hex((uintptr_t)function);
    puts("\n");
    function();
    fail("executing .rodata did not fault");
}
