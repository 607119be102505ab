/* errno.c: errno, one variable for the unikernel's single thread, shared by musl, the runtime and the C stubs. */
#include <errno.h>

static int errno_value;

int *__errno_location(void)
{
    return &errno_value;
}

/* musl's own objects call it under this hidden name. */
int *___errno_location(void) __attribute__((alias("__errno_location")));
