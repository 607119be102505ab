/*
 * bench_block.c: block I/O timed from inside a tenor-hvt guest on the device
 * "storage": the latency of 4 KiB reads at random offsets, and the
 * throughput of 1 MiB sequential reads and writes. host_block.cc does the
 * same I/O, in the same order and at the same offsets, with pread and pwrite
 * on the host; bench/block/run.sh compares the two.
 *
 * Command line: READS SEQ_MIB: how many random reads are timed one by one,
 * and how many MiB each sequential pass moves (wrapping at the end of the
 * device). Prints "result: hvt METRIC VALUE UNIT" lines:
 *   rand_read_4k_p50 / rand_read_4k_p99   ns, nearest-rank percentiles
 *   seq_read_1m / seq_write_1m            MiB/s, with tenths
 */

#include "util.h"

#define SMALL_IO 4096ULL
#define LARGE_IO (1024ULL * 1024)
/* Untimed reads first: they fault in the buffer and the code paths. */
#define WARMUP_READS 100
/* The xorshift64 seed host_block.cc uses too, so that both read the same offsets. */
#define SEED 0x2545f4914f6cdd1dULL
#define USAGE "usage: bench_block.hvt READS SEQ_MIB, both positive integers"

static solo5_handle_t handle;
static struct solo5_block_info info;
static uint8_t *buffer;       /* LARGE_IO bytes */
static uint64_t *samples;     /* one latency per timed read */
static uint64_t rng_state;

/* xorshift64 (Marsaglia 2003): cheap, and identical in host_block.cc. */
static uint64_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void must_succeed(solo5_result_t result, const char *what)
{
    if (result != SOLO5_R_OK)
        fail(what);
}

static void random_read(void)
{
    solo5_off_t offset = (next_random() % (info.capacity / SMALL_IO)) * SMALL_IO;

    must_succeed(solo5_block_read(handle, offset, buffer, SMALL_IO), "a 4 KiB read failed");
}

/* In-place heapsort: no libc here, and the samples are few enough. */
static void sift_down(uint64_t *a, uint64_t root, uint64_t n)
{
    for (uint64_t child = 2 * root + 1; child < n; child = 2 * root + 1) {
        if (child + 1 < n && a[child + 1] > a[child])
            child++;
        if (a[root] >= a[child])
            return;
        uint64_t t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

static void sort(uint64_t *a, uint64_t n)
{
    for (uint64_t i = n / 2; i > 0; i--)
        sift_down(a, i - 1, n);
    for (uint64_t end = n; end > 1; end--) {
        uint64_t t = a[0];
        a[0] = a[end - 1];
        a[end - 1] = t;
        sift_down(a, 0, end - 1);
    }
}

/* The smallest sample at or above percent of all samples (nearest rank); a must be sorted. */
static uint64_t percentile(const uint64_t *a, uint64_t n, uint64_t percent)
{
    uint64_t rank = (n * percent + 99) / 100;

    return a[rank == 0 ? 0 : rank - 1];
}

static void report(const char *metric, uint64_t tenths, const char *unit)
{
    puts("result: hvt ");
    puts(metric);
    puts(" ");
    put_u64(tenths / 10);
    puts(".");
    put_u64(tenths % 10);
    puts(" ");
    puts(unit);
    puts("\n");
}

static void bench_random_reads(uint64_t reads)
{
    rng_state = SEED;
    for (uint64_t i = 0; i < WARMUP_READS; i++)
        random_read();
    for (uint64_t i = 0; i < reads; i++) {
        solo5_time_t start = solo5_clock_monotonic();
        random_read();
        samples[i] = solo5_clock_monotonic() - start;
    }
    sort(samples, reads);
    report("rand_read_4k_p50", percentile(samples, reads, 50) * 10, "ns");
    report("rand_read_4k_p99", percentile(samples, reads, 99) * 10, "ns");
}

/* Tenths of MiB/s for mib MiB moved in ns nanoseconds. */
static uint64_t tenths_mib_per_s(uint64_t mib, solo5_time_t ns)
{
    return ns == 0 ? 0 : mib * 10000000000ULL / ns;
}

static void bench_sequential(uint64_t mib, bool write)
{
    uint64_t slots = info.capacity / LARGE_IO;
    solo5_time_t start = solo5_clock_monotonic();

    for (uint64_t i = 0; i < mib; i++) {
        solo5_off_t offset = (i % slots) * LARGE_IO;
        if (write)
            must_succeed(solo5_block_write(handle, offset, buffer, LARGE_IO), "a 1 MiB write failed");
        else
            must_succeed(solo5_block_read(handle, offset, buffer, LARGE_IO), "a 1 MiB read failed");
    }
    report(write ? "seq_write_1m" : "seq_read_1m",
            tenths_mib_per_s(mib, solo5_clock_monotonic() - start), "MiB/s");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    const char *cursor = si->cmdline;
    uint64_t reads = 0;
    uint64_t seq_mib = 0;

    check(next_u64(&cursor, &reads, USAGE) && next_u64(&cursor, &seq_mib, USAGE), USAGE);
    check(reads > 0 && seq_mib > 0 && !next_u64(&cursor, &reads, USAGE), USAGE);
    check(solo5_block_acquire("storage", &handle, &info) == SOLO5_R_OK,
            "solo5_block_acquire(\"storage\") failed");
    check(info.capacity >= LARGE_IO && info.capacity % LARGE_IO == 0,
            "the image must be a whole number of MiB");
    check(reads <= (si->heap_size - LARGE_IO) / sizeof *samples,
            "too many READS for the heap: raise --mem");
    buffer = (uint8_t *)si->heap_start;
    samples = (uint64_t *)(si->heap_start + LARGE_IO);
    /* Touch every page up front, so that no timed request pays a first-touch fault. */
    memset(buffer, 0x5a, LARGE_IO);
    memset(samples, 0, reads * sizeof *samples);
    bench_random_reads(reads);
    bench_sequential(seq_mib, false);
    bench_sequential(seq_mib, true);
    return SOLO5_EXIT_SUCCESS;
}
