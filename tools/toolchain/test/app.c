/* app.c: a tiny unikernel for the toolchain tests, with text, rodata, data, bss and TLS. */
#include <solo5.h>

static const char message[] = "toolchain test\n";
int counter = 1;
static char buffer[64];
__thread int tls_initialised = 42;
__thread long tls_zeroed;

int solo5_app_main(const struct solo5_start_info *info)
{
    (void)info;
    tls_zeroed += tls_initialised;
    buffer[counter] = (char)counter;
    solo5_console_write(message, sizeof(message) - 1);
    return (int)tls_zeroed + buffer[counter];
}
