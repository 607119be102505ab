/* assert.h: assert(), failing through __assert_fail (the name glibc and musl share). */
#include "_decl.h"

#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((void)((e) || (__assert_fail(#e, __FILE__, __LINE__, __func__), 0)))
#endif

#ifndef TENOR_LIBC_ASSERT_H
#define TENOR_LIBC_ASSERT_H
TENOR_BEGIN_DECLS
TENOR_NORETURN void __assert_fail(const char *expr, const char *file, unsigned int line,
        const char *func);
TENOR_END_DECLS
#if !defined(__cplusplus)
#define static_assert _Static_assert
#endif
#endif
