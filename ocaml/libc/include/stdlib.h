/* stdlib.h: memory, conversions, exit and the environment (which is always empty). */
#ifndef TENOR_LIBC_STDLIB_H
#define TENOR_LIBC_STDLIB_H

#include <stddef.h>
#include "_decl.h"

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 0x7fffffff

TENOR_BEGIN_DECLS
void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
int posix_memalign(void **out, size_t alignment, size_t size);
void *aligned_alloc(size_t alignment, size_t size);

TENOR_NORETURN void abort(void);
TENOR_NORETURN void exit(int status);
TENOR_NORETURN void _Exit(int status);
int atexit(void (*fn)(void));

char *getenv(const char *name);
char *secure_getenv(const char *name);
int system(const char *command);

double strtod(const char *s, char **end);
float strtof(const char *s, char **end);
long double strtold(const char *s, char **end);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
int atoi(const char *s);
long atol(const char *s);
double atof(const char *s);

int abs(int x);
long labs(long x);
long long llabs(long long x);
void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t count, size_t size,
        int (*compare)(const void *, const void *));
TENOR_END_DECLS

#endif
