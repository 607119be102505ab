/* console.h: what the glue's files share about the console (file descriptors 1 and 2). */
#ifndef TENOR_LIBC_CONSOLE_H
#define TENOR_LIBC_CONSOLE_H

#include <stdbool.h>

/* Whether fd is stdout or stderr, both of which write to the Solo5 console. */
bool tenor_console_fd(int fd);

#endif
