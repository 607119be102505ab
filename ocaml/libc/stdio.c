/* stdio.c: the console streams: stdout and stderr write to solo5_console_write(), stdin is always at end of file. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <solo5.h>

#include "console.h"

struct tenor_file {
    int fd;
    bool error;
    bool eof;
};

static struct tenor_file streams[3] = {{0, false, false}, {1, false, false}, {2, false, false}};

FILE *const stdin = &streams[0];
FILE *const stdout = &streams[1];
FILE *const stderr = &streams[2];

bool tenor_console_fd(int fd)
{
    return fd == 1 || fd == 2;
}

/* Writes are unbuffered: OCaml's channels buffer already, and C code that
   prints just before a crash must not lose its last words. */
static size_t write_stream(FILE *f, const void *buf, size_t size)
{
    if (!tenor_console_fd(f->fd)) {
        f->error = true;
        errno = EBADF;
        return 0;
    }
    solo5_console_write(buf, size);
    return size;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    char small[256];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    if (n < 0) {
        f->error = true;
    } else if ((size_t)n < sizeof(small)) {
        write_stream(f, small, (size_t)n);
    } else {
        char *big = malloc((size_t)n + 1);
        if (big != NULL) {
            vsnprintf(big, (size_t)n + 1, fmt, again);
            write_stream(f, big, (size_t)n);
            free(big);
        } else {
            /* Out of memory: the start of the message is better than nothing. */
            write_stream(f, small, sizeof(small) - 1);
        }
    }
    va_end(again);
    return n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char *fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

size_t fwrite(const void *buf, size_t size, size_t count, FILE *f)
{
    if (size == 0 || count == 0)
        return 0;
    return write_stream(f, buf, size * count) / size;
}

int fputc(int c, FILE *f)
{
    unsigned char byte = (unsigned char)c;
    return write_stream(f, &byte, 1) == 1 ? byte : EOF;
}

int putc(int c, FILE *f)
{
    return fputc(c, f);
}

int putchar(int c)
{
    return fputc(c, stdout);
}

int fputs(const char *s, FILE *f)
{
    size_t n = strlen(s);
    return write_stream(f, s, n) == n ? 0 : EOF;
}

int puts(const char *s)
{
    if (fputs(s, stdout) == EOF)
        return EOF;
    return fputc('\n', stdout) == EOF ? EOF : 0;
}

int fflush(FILE *f)
{
    (void)f;
    return 0;
}

int fgetc(FILE *f)
{
    f->eof = true;
    return EOF;
}

int getc(FILE *f)
{
    return fgetc(f);
}

int getchar(void)
{
    return fgetc(stdin);
}

char *fgets(char *buf, int size, FILE *f)
{
    (void)buf;
    (void)size;
    f->eof = true;
    return NULL;
}

size_t fread(void *buf, size_t size, size_t count, FILE *f)
{
    (void)buf;
    (void)size;
    (void)count;
    f->eof = true;
    return 0;
}

int ferror(FILE *f)
{
    return f->error;
}

int feof(FILE *f)
{
    return f->eof;
}

int fileno(FILE *f)
{
    return f->fd;
}

void perror(const char *s)
{
    const char *reason = strerror(errno);
    if (s != NULL && *s != '\0')
        fprintf(stderr, "%s: %s\n", s, reason);
    else
        fprintf(stderr, "%s\n", reason);
}

FILE *fopen(const char *path, const char *mode)
{
    (void)path;
    (void)mode;
    errno = ENOSYS;
    return NULL;
}

int fclose(FILE *f)
{
    (void)f;
    return 0;
}
