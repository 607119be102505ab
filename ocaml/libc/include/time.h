/* time.h: time(), clock_gettime() and clock() over the Solo5 clocks. */
#ifndef TENOR_LIBC_TIME_H
#define TENOR_LIBC_TIME_H

#include "_decl.h"
#include "sys/types.h"

struct timespec {
    time_t tv_sec;
    long tv_nsec;
};

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCKS_PER_SEC 1000000L
/* The unit of times() (obsolete in POSIX, but OCaml's Sys.time() uses it). */
#define CLK_TCK 1000000L

TENOR_BEGIN_DECLS
time_t time(time_t *out);
int clock_gettime(clockid_t clock, struct timespec *out);
clock_t clock(void);
int nanosleep(const struct timespec *duration, struct timespec *remaining);
TENOR_END_DECLS

#endif
