/*
 * util.h: helpers shared by the test guests: console output, an integer
 * formatter, a failure path and the few libc functions the compiler may call.
 *
 * The guests are freestanding (no libc), so everything a test needs beyond
 * solo5.h lives here and is compiled into every guest.
 */

#ifndef TENOR_TEST_UTIL_H
#define TENOR_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <solo5.h>

/* Writes the NUL-terminated string s to the console, without adding a newline. */
void puts(const char *s);

/* Writes value in decimal. */
void put_u64(uint64_t value);

/* Writes value in hexadecimal with a 0x prefix, lowercase, no leading zeros. */
void put_hex(uint64_t value);

/*
 * Formats value in base 10 or 16 into buf (lowercase, no prefix) and
 * NUL-terminates it. Returns the number of digits, or 0 if buf is too small
 * (buf then holds an empty string when size > 0).
 */
size_t fmt_u64(char *buf, size_t size, uint64_t value, unsigned base);

/* Prints "FAILURE: <why>" on its own line and exits with SOLO5_EXIT_FAILURE. */
void fail(const char *why) __attribute__((noreturn));

/* Fails with the message what unless condition holds. */
void check(bool condition, const char *what);

/* Fails naming what unless got == expected, printing both values in hex. */
void check_eq(uint64_t got, uint64_t expected, const char *what);

/* Prints "SUCCESS" on its own line; the test harness looks for it. */
void success(void);

/*
 * Reads the next space-separated decimal number from *cursor into *value and
 * moves *cursor past it. Returns false, leaving *value alone, when only
 * spaces remain; fails the test, naming usage, on a word that is not a
 * number below 2^64.
 */
bool next_u64(const char **cursor, uint64_t *value, const char *usage);

/*
 * Issues hvt hypercall number with the argument structure at address arg
 * (an outl to TENOR_HVT_PIO_BASE + number), bypassing the bindings and their
 * argument checks: for tests that must reach the monitor with arguments the
 * bindings would refuse. hvt guests only.
 */
void hvt_raw_hypercall(unsigned number, uint64_t arg);

/*
 * The libc functions GCC may emit calls to even in freestanding code, with
 * their standard meaning. They are weak so that copies the bindings may
 * export take precedence without a link conflict.
 */
void *memset(void *dest, int c, size_t n);
void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

#endif /* TENOR_TEST_UTIL_H */
