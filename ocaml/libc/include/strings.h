/* strings.h: the BSD string functions (musl's implementations). */
#ifndef TENOR_LIBC_STRINGS_H
#define TENOR_LIBC_STRINGS_H

#include <stddef.h>
#include "_decl.h"

TENOR_BEGIN_DECLS
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
int ffs(int x);
TENOR_END_DECLS

#endif
