/*
 * musl_hooks.c: the musl internals that the partial link of musl leaves out
 * (ocaml/libc/musl/replaced-symbols.txt), because musl's versions make system
 * calls or read thread state that a unikernel does not have.
 */
#include <errno.h>
#include <stddef.h>

/* musl locks a FILE around each stdio call; the unikernel has one thread,
   and the only FILEs musl sees are its own string streams. */
int __lockfile(void *file)
{
    (void)file;
    return 0;
}

void __unlockfile(void *file)
{
    (void)file;
}

/* musl's stdio pulls in its exit-time flush through this name; nothing here
   is buffered, so there is nothing to flush. */
void __stdio_exit_needed(void)
{
}

/* Wide characters are supported in the "C" locale's ASCII range only:
   musl's versions read the current locale from thread state. */
size_t wcrtomb(char *out, int wc, void *state)
{
    (void)state;
    if (out == NULL)
        return 1;
    if (wc < 0 || wc > 0x7f) {
        errno = EILSEQ;
        return (size_t)-1;
    }
    *out = (char)wc;
    return 1;
}

size_t mbrtowc(int *out, const char *s, size_t n, void *state)
{
    (void)state;
    if (s == NULL)
        return 0;
    if (n == 0)
        return (size_t)-2;
    unsigned char c = (unsigned char)*s;
    if (c > 0x7f) {
        errno = EILSEQ;
        return (size_t)-1;
    }
    if (out != NULL)
        *out = c;
    return c != 0;
}
