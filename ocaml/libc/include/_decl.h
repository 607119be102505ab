/* _decl.h: helpers shared by tenor's declaration-only libc headers (not part of any standard). */
#ifndef TENOR_LIBC_DECL_H
#define TENOR_LIBC_DECL_H

/* The headers are read by C code only, but a C++ stub library may include them too. */
#ifdef __cplusplus
#define TENOR_BEGIN_DECLS extern "C" {
#define TENOR_END_DECLS }
#else
#define TENOR_BEGIN_DECLS
#define TENOR_END_DECLS
#endif

#define TENOR_NORETURN __attribute__((noreturn))
#define TENOR_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define TENOR_SCANF(fmt, args) __attribute__((format(scanf, fmt, args)))

#endif
