/* test_wnox.c: .data is writable and therefore not executable (W^X), so calling into it faults. */

#include "util.h"

/* 0xc3 is `ret`; an initialised, non-const array lands in .data. */
static uint8_t code_in_data[] = { 0xc3 };

int solo5_app_main(const struct solo5_start_info *si)
{
    void (*volatile function)(void) = (void (*)(void))(uintptr_t)code_in_data;

    (void)si;
    puts("calling into .data at ");
    put_hex((uintptr_t)function);
    puts("\n");
    function();
    fail("executing .data did not fault");
}
