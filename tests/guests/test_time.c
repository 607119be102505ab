/*
 * test_time.c: the monotonic clock advances; solo5_yield() with a deadline
 * in the past returns at once; five one-second sleeps each last one second
 * within 200 ms by the monotonic clock; the wall clock is after 2017-01-01.
 */

#include "util.h"

#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_SEC 1000000000ULL
#define SLEEPS 5
#define SLEEP_SLACK (200 * NSEC_PER_MSEC)
/* Returning "at once" allows for a loaded host: far below any real sleep. */
#define PAST_DEADLINE_MAX (50 * NSEC_PER_MSEC)
/* 2017-01-01T00:00:00Z in seconds since the epoch. */
#define WALL_CLOCK_MIN_SECONDS 1483228800ULL
/* Bound on clock reads while waiting for the monotonic clock to move. */
#define ADVANCE_TRIES 100000000ULL

static void test_monotonic_advances(void)
{
    solo5_time_t start = solo5_clock_monotonic();

    for (uint64_t i = 0; i < ADVANCE_TRIES; i++) {
        solo5_time_t now = solo5_clock_monotonic();
        check(now >= start, "the monotonic clock went backwards");
        if (now > start) {
            puts("monotonic clock advances\n");
            return;
        }
    }
    fail("the monotonic clock does not advance");
}

static void test_past_deadline(void)
{
    solo5_time_t start = solo5_clock_monotonic();
    solo5_handle_set_t ready = ~0ULL;
    solo5_time_t elapsed;

    solo5_yield(start > 0 ? start - 1 : 0, &ready);
    elapsed = solo5_clock_monotonic() - start;
    puts("yield with a past deadline took ");
    put_u64(elapsed);
    puts(" ns\n");
    check(elapsed <= PAST_DEADLINE_MAX, "solo5_yield() with a past deadline did not return at once");
    check_eq(ready, 0, "ready set after a yield with no network devices");
}

static void test_sleep(int round)
{
    solo5_time_t start = solo5_clock_monotonic();
    solo5_time_t elapsed;

    solo5_yield(start + NSEC_PER_SEC, NULL);
    elapsed = solo5_clock_monotonic() - start;
    puts("sleep ");
    put_u64((uint64_t)round);
    puts(": ");
    put_u64(elapsed / NSEC_PER_MSEC);
    puts(" ms\n");
    check(elapsed >= NSEC_PER_SEC - SLEEP_SLACK, "a one-second sleep was more than 200 ms short");
    check(elapsed <= NSEC_PER_SEC + SLEEP_SLACK, "a one-second sleep was more than 200 ms long");
}

static void test_wall_clock(void)
{
    uint64_t seconds = solo5_clock_wall() / NSEC_PER_SEC;

    puts("wall clock: ");
    put_u64(seconds);
    puts(" s since the epoch\n");
    check(seconds >= WALL_CLOCK_MIN_SECONDS, "the wall clock is before 2017-01-01");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    test_monotonic_advances();
    test_past_deadline();
    for (int i = 1; i <= SLEEPS; i++)
        test_sleep(i);
    test_wall_clock();
    success();
    return SOLO5_EXIT_SUCCESS;
}
