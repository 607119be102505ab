/* stdio.h: formatted output and input; FILE is opaque and only the console streams exist. */
#ifndef TENOR_LIBC_STDIO_H
#define TENOR_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include "_decl.h"
#include "sys/types.h"

typedef struct tenor_file FILE;

#define EOF (-1)
#define BUFSIZ 1024
#define FILENAME_MAX 4096
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

TENOR_BEGIN_DECLS
/* Writes to stdout and stderr go to the console; stdin is always at end of file. */
extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;

int printf(const char *fmt, ...) TENOR_PRINTF(1, 2);
int fprintf(FILE *f, const char *fmt, ...) TENOR_PRINTF(2, 3);
int sprintf(char *buf, const char *fmt, ...) TENOR_PRINTF(2, 3);
int snprintf(char *buf, size_t size, const char *fmt, ...) TENOR_PRINTF(3, 4);
int vprintf(const char *fmt, va_list ap) TENOR_PRINTF(1, 0);
int vfprintf(FILE *f, const char *fmt, va_list ap) TENOR_PRINTF(2, 0);
int vsprintf(char *buf, const char *fmt, va_list ap) TENOR_PRINTF(2, 0);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) TENOR_PRINTF(3, 0);
int sscanf(const char *s, const char *fmt, ...) TENOR_SCANF(2, 3);
int vsscanf(const char *s, const char *fmt, va_list ap) TENOR_SCANF(2, 0);

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int puts(const char *s);
size_t fwrite(const void *buf, size_t size, size_t count, FILE *f);
int fflush(FILE *f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
char *fgets(char *buf, int size, FILE *f);
size_t fread(void *buf, size_t size, size_t count, FILE *f);
int ferror(FILE *f);
int feof(FILE *f);
int fileno(FILE *f);
void perror(const char *s);

/* Files cannot be opened: fopen() fails with ENOSYS. */
FILE *fopen(const char *path, const char *mode);
int fclose(FILE *f);
int remove(const char *path);
int rename(const char *from, const char *to);
TENOR_END_DECLS

#endif
