/* time.c: the C clock functions over solo5_clock_wall() and solo5_clock_monotonic(), and sleeping with solo5_yield(). */
#include <errno.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include <solo5.h>

#define NS_PER_SEC 1000000000ULL

int gettimeofday(struct timeval *out, void *timezone)
{
    (void)timezone;
    solo5_time_t now = solo5_clock_wall();
    out->tv_sec = (time_t)(now / NS_PER_SEC);
    out->tv_usec = (suseconds_t)(now % NS_PER_SEC / 1000);
    return 0;
}

int clock_gettime(clockid_t clock, struct timespec *out)
{
    solo5_time_t now;
    switch (clock) {
    case CLOCK_REALTIME:
        now = solo5_clock_wall();
        break;
    case CLOCK_MONOTONIC:
    case CLOCK_PROCESS_CPUTIME_ID:
        /* The unikernel owns its vCPU: the time it has run is the time since boot. */
        now = solo5_clock_monotonic();
        break;
    default:
        errno = EINVAL;
        return -1;
    }
    out->tv_sec = (time_t)(now / NS_PER_SEC);
    out->tv_nsec = (long)(now % NS_PER_SEC);
    return 0;
}

time_t time(time_t *out)
{
    time_t now = (time_t)(solo5_clock_wall() / NS_PER_SEC);
    if (out != NULL)
        *out = now;
    return now;
}

clock_t clock(void)
{
    return (clock_t)(solo5_clock_monotonic() / (NS_PER_SEC / CLOCKS_PER_SEC));
}

/* OCaml's Sys.time() divides tms_utime + tms_stime by CLK_TCK (microseconds here). */
clock_t times(struct tms *out)
{
    clock_t ticks = (clock_t)(solo5_clock_monotonic() / (NS_PER_SEC / CLK_TCK));
    out->tms_utime = ticks;
    out->tms_stime = 0;
    out->tms_cutime = 0;
    out->tms_cstime = 0;
    return ticks;
}

static void sleep_ns(solo5_time_t duration)
{
    solo5_time_t deadline = solo5_clock_monotonic() + duration;
    while (solo5_clock_monotonic() < deadline)
        solo5_yield(deadline, NULL);
}

int nanosleep(const struct timespec *duration, struct timespec *remaining)
{
    if (duration->tv_sec < 0 || duration->tv_nsec < 0 || duration->tv_nsec >= (long)NS_PER_SEC) {
        errno = EINVAL;
        return -1;
    }
    sleep_ns((solo5_time_t)duration->tv_sec * NS_PER_SEC + (solo5_time_t)duration->tv_nsec);
    if (remaining != NULL) {
        remaining->tv_sec = 0;
        remaining->tv_nsec = 0;
    }
    return 0;
}

unsigned int sleep(unsigned int seconds)
{
    sleep_ns((solo5_time_t)seconds * NS_PER_SEC);
    return 0;
}

int usleep(unsigned long microseconds)
{
    sleep_ns((solo5_time_t)microseconds * 1000);
    return 0;
}
