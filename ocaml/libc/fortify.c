/*
 * fortify.c: the entry points that C code compiled against glibc's headers
 * calls: the _FORTIFY_SOURCE checks (Debian builds every package's C stubs
 * with -D_FORTIFY_SOURCE=2) and glibc's C99 names for the scanf family.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <solo5.h>

/* A fortified call found that it was about to write past the end of its buffer. */
__attribute__((noreturn)) void __chk_fail(void)
{
    static const char message[] =
        "tenor: buffer overflow detected by a _FORTIFY_SOURCE check in a C stub\n";
    solo5_console_write(message, sizeof(message) - 1);
    solo5_abort();
}

static void check_fits(size_t size, size_t space)
{
    if (size > space)
        __chk_fail();
}

void *__memcpy_chk(void *dst, const void *src, size_t n, size_t dst_size)
{
    check_fits(n, dst_size);
    return memcpy(dst, src, n);
}

void *__memmove_chk(void *dst, const void *src, size_t n, size_t dst_size)
{
    check_fits(n, dst_size);
    return memmove(dst, src, n);
}

void *__memset_chk(void *dst, int c, size_t n, size_t dst_size)
{
    check_fits(n, dst_size);
    return memset(dst, c, n);
}

char *__strcpy_chk(char *dst, const char *src, size_t dst_size)
{
    check_fits(strlen(src) + 1, dst_size);
    return strcpy(dst, src);
}

char *__strncpy_chk(char *dst, const char *src, size_t n, size_t dst_size)
{
    check_fits(n, dst_size);
    return strncpy(dst, src, n);
}

char *__strcat_chk(char *dst, const char *src, size_t dst_size)
{
    check_fits(strlen(dst) + strlen(src) + 1, dst_size);
    return strcat(dst, src);
}

int __vsnprintf_chk(char *buf, size_t size, int flag, size_t buf_size, const char *fmt,
        va_list ap)
{
    (void)flag;
    check_fits(size, buf_size);
    return vsnprintf(buf, size, fmt, ap);
}

int __snprintf_chk(char *buf, size_t size, int flag, size_t buf_size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = __vsnprintf_chk(buf, size, flag, buf_size, fmt, ap);
    va_end(ap);
    return n;
}

int __vsprintf_chk(char *buf, int flag, size_t buf_size, const char *fmt, va_list ap)
{
    (void)flag;
    /* Format with the buffer's real bound, then fail if the output did not fit. */
    int n = vsnprintf(buf, buf_size, fmt, ap);
    if (n >= 0)
        check_fits((size_t)n + 1, buf_size);
    return n;
}

int __sprintf_chk(char *buf, int flag, size_t buf_size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = __vsprintf_chk(buf, flag, buf_size, fmt, ap);
    va_end(ap);
    return n;
}

int __vfprintf_chk(FILE *f, int flag, const char *fmt, va_list ap)
{
    (void)flag;
    return vfprintf(f, fmt, ap);
}

int __fprintf_chk(FILE *f, int flag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = __vfprintf_chk(f, flag, fmt, ap);
    va_end(ap);
    return n;
}

int __vprintf_chk(int flag, const char *fmt, va_list ap)
{
    return __vfprintf_chk(stdout, flag, fmt, ap);
}

int __printf_chk(int flag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = __vfprintf_chk(stdout, flag, fmt, ap);
    va_end(ap);
    return n;
}

/* glibc renames sscanf to these in C99 mode. */
int __isoc99_vsscanf(const char *s, const char *fmt, va_list ap)
{
    return vsscanf(s, fmt, ap);
}

int __isoc99_sscanf(const char *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsscanf(s, fmt, ap);
    va_end(ap);
    return n;
}
