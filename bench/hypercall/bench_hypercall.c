/*
 * bench_hypercall.c: times the Solo5 calls that leave the guest, and the
 * monotonic clock, which must not, in nanoseconds per call.
 *
 * Command line: [EXIT_CALLS [CLOCK_CALLS]] (defaults 20000 and 100000).
 * Prints one line per call, "result: NAME CALLS calls NS ns/call", the line
 * format raw_exit prints too, so that bench/hypercall/run.sh reads both.
 * The loop around each call is part of what is timed: a few instructions,
 * nothing beside an exit's microseconds.
 */

#include "util.h"

#define DEFAULT_EXIT_CALLS 20000
#define DEFAULT_CLOCK_CALLS 100000
/* Untimed calls before each timed loop: they fault in the pages the call touches. */
#define WARMUP_CALLS 100

/* Results are added here so that no call can be optimised away. */
static volatile uint64_t sink;

static solo5_time_t time_clock_wall(uint64_t calls)
{
    solo5_time_t start = solo5_clock_monotonic();

    for (uint64_t i = 0; i < calls; i++)
        sink += solo5_clock_wall();
    return solo5_clock_monotonic() - start;
}

static solo5_time_t time_console_write_empty(uint64_t calls)
{
    static const char empty[1];
    solo5_time_t start = solo5_clock_monotonic();

    for (uint64_t i = 0; i < calls; i++)
        solo5_console_write(empty, 0);
    return solo5_clock_monotonic() - start;
}

/* Deadline 0 has always passed: the yield returns at once, after its exit. */
static solo5_time_t time_yield_past_deadline(uint64_t calls)
{
    solo5_time_t start = solo5_clock_monotonic();

    for (uint64_t i = 0; i < calls; i++)
        solo5_yield(0, NULL);
    return solo5_clock_monotonic() - start;
}

static solo5_time_t time_clock_monotonic(uint64_t calls)
{
    solo5_time_t start = solo5_clock_monotonic();

    for (uint64_t i = 0; i < calls; i++)
        sink += solo5_clock_monotonic();
    return solo5_clock_monotonic() - start;
}

/* Prints the result line, with tenths of a nanosecond: there is no printf. */
static void report(const char *name, uint64_t calls, solo5_time_t elapsed)
{
    uint64_t tenths = elapsed * 10 / calls;

    puts("result: ");
    puts(name);
    puts(" ");
    put_u64(calls);
    puts(" calls ");
    put_u64(tenths / 10);
    puts(".");
    put_u64(tenths % 10);
    puts(" ns/call\n");
}

static void bench(const char *name, solo5_time_t (*timed_loop)(uint64_t), uint64_t calls)
{
    timed_loop(WARMUP_CALLS);
    report(name, calls, timed_loop(calls));
}

/*
 * Reads the next decimal number of calls from *cursor, or leaves *value
 * alone when the command line has no more words.
 */
static void parse_calls(const char **cursor, uint64_t *value)
{
    const char *p = *cursor;
    uint64_t n = 0;

    while (*p == ' ')
        p++;
    if (*p == '\0')
        return;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (n > (UINT64_MAX - 9) / 10)
            fail("a number of calls on the command line is too large");
        n = n * 10 + (uint64_t)(*p - '0');
    }
    if ((*p != ' ' && *p != '\0') || n == 0)
        fail("usage: bench_hypercall.hvt [EXIT_CALLS [CLOCK_CALLS]], both positive integers");
    *value = n;
    *cursor = p;
}

int solo5_app_main(const struct solo5_start_info *si)
{
    const char *cursor = si->cmdline;
    uint64_t exit_calls = DEFAULT_EXIT_CALLS;
    uint64_t clock_calls = DEFAULT_CLOCK_CALLS;

    parse_calls(&cursor, &exit_calls);
    parse_calls(&cursor, &clock_calls);
    while (*cursor == ' ')
        cursor++;
    if (*cursor != '\0')
        fail("usage: bench_hypercall.hvt [EXIT_CALLS [CLOCK_CALLS]], both positive integers");

    bench("solo5_clock_wall", time_clock_wall, exit_calls);
    bench("solo5_console_write(0)", time_console_write_empty, exit_calls);
    bench("solo5_yield(past)", time_yield_past_deadline, exit_calls);
    bench("solo5_clock_monotonic", time_clock_monotonic, clock_calls);
    return SOLO5_EXIT_SUCCESS;
}
