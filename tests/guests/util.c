/* util.c: console, formatting, parsing, failure, raw hypercall and libc helpers for the test guests (see util.h). */

#include <tenor/hvt_abi.h>

#include "util.h"

/* Enough digits for UINT64_MAX in base 10 (20) or base 16 (16), plus the NUL. */
#define U64_DIGITS_MAX 21

void puts(const char *s)
{
    solo5_console_write(s, strlen(s));
}

size_t fmt_u64(char *buf, size_t size, uint64_t value, unsigned base)
{
    static const char digits[] = "0123456789abcdef";
    char reversed[U64_DIGITS_MAX];
    size_t n = 0;

    if (size > 0)
        buf[0] = '\0';
    if (base != 10 && base != 16)
        return 0;
    do {
        reversed[n++] = digits[value % base];
        value /= base;
    } while (value != 0);
    if (n + 1 > size)
        return 0;
    for (size_t i = 0; i < n; i++)
        buf[i] = reversed[n - 1 - i];
    buf[n] = '\0';
    return n;
}

void put_u64(uint64_t value)
{
    char buf[U64_DIGITS_MAX];

    fmt_u64(buf, sizeof buf, value, 10);
    puts(buf);
}

void put_hex(uint64_t value)
{
    char buf[U64_DIGITS_MAX];

    fmt_u64(buf, sizeof buf, value, 16);
    puts("0x");
    puts(buf);
}

void fail(const char *why)
{
    puts("FAILURE: ");
    puts(why);
    puts("\n");
    solo5_exit(SOLO5_EXIT_FAILURE);
}

void check(bool condition, const char *what)
{
    if (!condition)
        fail(what);
}

void check_eq(uint64_t got, uint64_t expected, const char *what)
{
    if (got == expected)
        return;
    puts("FAILURE: ");
    puts(what);
    puts(": got ");
    put_hex(got);
    puts(", expected ");
    put_hex(expected);
    puts("\n");
    solo5_exit(SOLO5_EXIT_FAILURE);
}

void success(void)
{
    puts("SUCCESS\n");
}

bool next_u64(const char **cursor, uint64_t *value, const char *usage)
{
    const char *p = *cursor;
    uint64_t n = 0;

    while (*p == ' ')
        p++;
    if (*p == '\0')
        return false;
    if (*p < '0' || *p > '9')
        fail(usage);
    for (; *p >= '0' && *p <= '9'; p++) {
        uint64_t digit = (uint64_t)(*p - '0');

        if (n > (UINT64_MAX - digit) / 10)
            fail(usage);
        n = n * 10 + digit;
    }
    if (*p != ' ' && *p != '\0')
        fail(usage);
    *value = n;
    *cursor = p;
    return true;
}

void hvt_raw_hypercall(unsigned number, uint64_t arg)
{
    /* The port argument is 32 bits wide: higher address bits cannot be passed. */
    uint16_t port = (uint16_t)(TENOR_HVT_PIO_BASE + number);

    __asm__ __volatile__("outl %0, %1" : : "a"((uint32_t)arg), "Nd"(port) : "memory");
}

/*
 * The loops below must not be turned back into calls to themselves: the
 * build compiles this file with -fno-tree-loop-distribute-patterns.
 */
__attribute__((weak)) void *memset(void *dest, int c, size_t n)
{
    unsigned char *d = dest;

    for (size_t i = 0; i < n; i++)
        d[i] = (unsigned char)c;
    return dest;
}

__attribute__((weak)) void *memcpy(void *dest, const void *src, size_t n)
{
    unsigned char *d = dest;
    const unsigned char *s = src;

    for (size_t i = 0; i < n; i++)
        d[i] = s[i];
    return dest;
}

__attribute__((weak)) void *memmove(void *dest, const void *src, size_t n)
{
    unsigned char *d = dest;
    const unsigned char *s = src;

    if (d == s || n == 0)
        return dest;
    if (d < s) {
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    } else {
        for (size_t i = n; i > 0; i--)
            d[i - 1] = s[i - 1];
    }
    return dest;
}

__attribute__((weak)) int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a;
    const unsigned char *y = b;

    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}

__attribute__((weak)) size_t strlen(const char *s)
{
    size_t n = 0;

    while (s[n] != '\0')
        n++;
    return n;
}

__attribute__((weak)) int strcmp(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}
