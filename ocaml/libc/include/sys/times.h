/* sys/times.h: times(), whose CPU times are the monotonic clock (one vCPU, nothing else runs). */
#ifndef TENOR_LIBC_SYS_TIMES_H
#define TENOR_LIBC_SYS_TIMES_H

#include "../_decl.h"
#include "types.h"

struct tms {
    clock_t tms_utime;
    clock_t tms_stime;
    clock_t tms_cutime;
    clock_t tms_cstime;
};

TENOR_BEGIN_DECLS
clock_t times(struct tms *out);
TENOR_END_DECLS

#endif
