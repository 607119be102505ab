/* process.c: exit and abort (ending in solo5_exit and solo5_abort), the empty environment, signals and process ids. */
#include <assert.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <solo5.h>

/* C requires at least 32 atexit() registrations. */
#define ATEXIT_MAX 32

static void (*exit_handlers[ATEXIT_MAX])(void);
static int exit_handler_count;

int atexit(void (*fn)(void))
{
    if (exit_handler_count == ATEXIT_MAX)
        return -1;
    exit_handlers[exit_handler_count++] = fn;
    return 0;
}

void exit(int status)
{
    while (exit_handler_count > 0)
        exit_handlers[--exit_handler_count]();
    solo5_exit(status);
}

void _Exit(int status)
{
    solo5_exit(status);
}

void _exit(int status)
{
    solo5_exit(status);
}

void abort(void)
{
    /* The exit status (255) alone would not say that the C code gave up. */
    static const char message[] = "tenor: abort() called: the unikernel stops with status 255\n";
    solo5_console_write(message, sizeof(message) - 1);
    solo5_abort();
}

void __assert_fail(const char *expr, const char *file, unsigned int line, const char *func)
{
    fprintf(stderr, "tenor: assertion '%s' failed in %s() at %s:%u\n", expr, func, file, line);
    abort();
}

/* A unikernel has no environment: configuration comes from its command line. */
char *getenv(const char *name)
{
    (void)name;
    return NULL;
}

char *secure_getenv(const char *name)
{
    (void)name;
    return NULL;
}

int system(const char *command)
{
    /* system(NULL) asks whether a shell exists: none does. */
    if (command == NULL)
        return 0;
    errno = ENOSYS;
    return -1;
}

/* No signal is ever delivered to a unikernel, so no handler can be installed. */
sighandler_t signal(int sig, sighandler_t handler)
{
    (void)sig;
    (void)handler;
    errno = ENOSYS;
    return SIG_ERR;
}

int raise(int sig)
{
    if (sig == SIGABRT)
        abort();
    errno = ENOSYS;
    return -1;
}

/* The unikernel is the only process: pid 1, without a parent, run as root. */
pid_t getpid(void)
{
    return 1;
}

pid_t getppid(void)
{
    return 0;
}

uid_t getuid(void)
{
    return 0;
}

uid_t geteuid(void)
{
    return 0;
}

gid_t getgid(void)
{
    return 0;
}

gid_t getegid(void)
{
    return 0;
}

long sysconf(int name)
{
    if (name == _SC_PAGESIZE)
        return 4096;
    errno = EINVAL;
    return -1;
}
