/*
 * test_output.c: one console write of more than 4 KiB spanning many lines
 * arrives whole; the test checks the first, a middle and the last line.
 */

#include "util.h"

#define LINES 128
#define PAYLOAD "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define LINE_MAX 96

/* Static rather than on the stack: 128 lines of ~80 bytes is 10 KiB. */
static char text[LINES * LINE_MAX];

static size_t append(size_t at, const char *s)
{
    size_t n = strlen(s);

    memcpy(text + at, s, n);
    return at + n;
}

static size_t append_line(size_t at, unsigned number)
{
    char digits[8];

    fmt_u64(digits, sizeof digits, number, 10);
    at = append(at, "output line ");
    at = append(at, digits);
    at = append(at, " of 128: ");
    at = append(at, PAYLOAD);
    return append(at, "\n");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    size_t len = 0;

    (void)si;
    for (unsigned i = 1; i <= LINES; i++)
        len = append_line(len, i);
    check(len >= 4096, "the text to write is shorter than 4 KiB");
    solo5_console_write(text, len);
    puts("wrote ");
    put_u64(len);
    puts(" bytes in one call\n");
    success();
    return SOLO5_EXIT_SUCCESS;
}
