/* sys/time.h: gettimeofday() over solo5_clock_wall(). */
#ifndef TENOR_LIBC_SYS_TIME_H
#define TENOR_LIBC_SYS_TIME_H

#include "../_decl.h"
#include "types.h"

struct timeval {
    time_t tv_sec;
    suseconds_t tv_usec;
};

TENOR_BEGIN_DECLS
/* The time zone argument MUST be NULL. */
int gettimeofday(struct timeval *out, void *timezone);
TENOR_END_DECLS

#endif
