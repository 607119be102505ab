/*
 * test_blk_multi.c: multi-sector block I/O on the device "storage", at any
 * sector size. Requests of 1, 8 and 256 sectors and one of the 1 MiB
 * maximum round-trip; larger, out-of-range, unaligned and wrongly sized
 * requests are refused with SOLO5_R_EINVAL, both by the bindings and, sent
 * as raw hypercalls that skip the bindings' checks, by the monitor.
 *
 * Every write lands in the first WRITE_ZONE bytes of the device and every
 * refused request aims beyond it, so that the e2e test can check from the
 * host that the rest of the image is unchanged (tests/e2e/blk/image-guard.sh).
 *
 * Command line: [SEED [ROUNDS]] (defaults 1 and 1): the data pattern's seed
 * and how many times the round trips repeat, so that two guests running at
 * once write different data for a while. The wall clock is printed at the
 * start and the end, for the test that checks two guests overlapped.
 */

#include <tenor/hvt_abi.h>

#include "util.h"

#define MIB (1024ULL * 1024)
#define IO_MAX TENOR_HVT_BLOCK_IO_MAX
/* Writes stay below this offset; refused requests aim at or above it. */
#define WRITE_ZONE (3 * MIB)
/* Room above WRITE_ZONE for a request one sector over the maximum, in range. */
#define MIN_CAPACITY (WRITE_ZONE + 2 * MIB)
#define USAGE "usage: test_blk_multi.hvt [SEED [ROUNDS]], both positive integers"
/* What refused writes carry and refused reads must leave in the buffer. */
#define POISON_WRITE 0xa5
#define POISON_READ 0x5a

struct request {
    solo5_off_t offset;
    uint64_t sectors;
};

struct refusal {
    solo5_off_t offset;
    uint64_t len;
    const char *what;
};

static solo5_handle_t handle;
static struct solo5_block_info info;
/* Each holds IO_MAX plus one sector, the largest request that is tried. */
static uint8_t *write_buf;
static uint8_t *read_buf;
static struct tenor_hvt_hc_block_io raw_args;

/*
 * A pattern that depends on the seed and on every byte's position on the
 * device, so that data read from the wrong place, or left from another
 * round or another guest, never matches.
 */
static void fill(uint8_t *buf, uint64_t size, solo5_off_t offset, uint64_t seed)
{
    for (uint64_t i = 0; i < size; i++) {
        uint64_t x = ((offset + i) ^ (seed << 40)) * 0x9e3779b97f4a7c15ULL;

        buf[i] = (uint8_t)(x >> 56);
    }
}

static void report_at(const char *what, solo5_off_t offset, uint64_t size)
{
    puts(what);
    puts(" of ");
    put_u64(size);
    puts(" bytes at offset ");
    put_u64(offset);
    puts("\n");
}

static void write_request(const struct request *r, uint64_t seed)
{
    uint64_t size = r->sectors * info.block_size;

    fill(write_buf, size, r->offset, seed);
    if (solo5_block_write(handle, r->offset, write_buf, size) != SOLO5_R_OK) {
        report_at("failed: write", r->offset, size);
        fail("solo5_block_write() of a valid request failed");
    }
}

static void verify_request(const struct request *r, uint64_t seed)
{
    uint64_t size = r->sectors * info.block_size;

    memset(read_buf, 0, size);
    if (solo5_block_read(handle, r->offset, read_buf, size) != SOLO5_R_OK) {
        report_at("failed: read", r->offset, size);
        fail("solo5_block_read() of a valid request failed");
    }
    fill(write_buf, size, r->offset, seed);
    if (memcmp(write_buf, read_buf, size) != 0) {
        report_at("wrong data: read", r->offset, size);
        fail("data read back differs from data written");
    }
}

/*
 * All writes go out before any read-back, so that a request that spilt onto
 * its neighbour's sectors is caught too.
 */
static void test_round_trips(uint64_t seed, uint64_t rounds)
{
    uint64_t bs = info.block_size;
    const struct request requests[] = {
        { 0, 1 },
        { bs, 8 },
        { 9 * bs, 256 },
        { WRITE_ZONE - IO_MAX, IO_MAX / bs },
    };
    const size_t count = sizeof requests / sizeof requests[0];

    for (uint64_t round = 0; round < rounds; round++) {
        for (size_t i = 0; i < count; i++)
            write_request(&requests[i], seed + round);
        for (size_t i = 0; i < count; i++)
            verify_request(&requests[i], seed + round);
    }
    puts("round trips of 1, 8 and 256 sectors: ok\n");
    puts("round trip of the 1 MiB maximum (");
    put_u64(IO_MAX / bs);
    puts(" sectors): ok\n");
}

static void check_refused(solo5_result_t result, const struct refusal *r, const char *how)
{
    if (result == SOLO5_R_EINVAL)
        return;
    puts("not refused with EINVAL: ");
    puts(how);
    puts(" ");
    puts(r->what);
    puts(" (offset ");
    put_hex(r->offset);
    puts(", ");
    put_hex(r->len);
    puts(" bytes): result ");
    put_u64((uint64_t)result);
    puts("\n");
    fail("an invalid block request was not refused with SOLO5_R_EINVAL");
}

/* A refused read must not have written to the buffer. */
static void check_untouched(const uint8_t *buf, const struct refusal *r, const char *how)
{
    for (uint64_t i = 0; i < IO_MAX + info.block_size; i++) {
        if (buf[i] != POISON_READ) {
            puts("a refused ");
            puts(how);
            puts(" ");
            puts(r->what);
            puts(" wrote to the guest's buffer\n");
            fail("a refused read changed guest memory");
        }
    }
}

static void refuse_in_bindings(const struct refusal *r)
{
    check_refused(solo5_block_write(handle, r->offset, write_buf, r->len), r, "solo5_block_write");
    check_refused(solo5_block_read(handle, r->offset, read_buf, r->len), r, "solo5_block_read");
    check_untouched(read_buf, r, "solo5_block_read");
}

static solo5_result_t raw_block_io(unsigned number, const struct refusal *r, uint8_t *buf)
{
    raw_args.handle = handle;
    raw_args.offset = r->offset;
    raw_args.data = (uintptr_t)buf;
    raw_args.len = r->len;
    raw_args.ret = -1;
    hvt_raw_hypercall(number, (uintptr_t)&raw_args);
    return (solo5_result_t)raw_args.ret;
}

static void refuse_in_monitor(const struct refusal *r)
{
    check_refused(raw_block_io(TENOR_HVT_HC_BLOCK_WRITE, r, write_buf), r, "BLOCK_WRITE hypercall");
    check_refused(raw_block_io(TENOR_HVT_HC_BLOCK_READ, r, read_buf), r, "BLOCK_READ hypercall");
    check_untouched(read_buf, r, "BLOCK_READ hypercall");
}

static void test_refusals(void)
{
    uint64_t bs = info.block_size;
    uint64_t cap = info.capacity;
    const struct refusal refusals[] = {
        { cap, bs, "at the capacity" },
        { cap - bs, 2 * bs, "running past the end" },
        { UINT64_MAX - bs + 1, 2 * bs, "whose end wraps around 2^64" },
        { WRITE_ZONE + 1, bs, "at an odd offset" },
        { WRITE_ZONE + bs / 2, bs, "half a sector in" },
        /* Aligned for 512-byte sectors only: a distinct case at larger sizes. */
        { WRITE_ZONE + (bs > 512 ? 512 : 1), bs, "at 512 bytes into a larger sector" },
        { WRITE_ZONE, bs - 1, "one byte short of a sector" },
        { WRITE_ZONE, bs + bs / 2, "of one and a half sectors" },
        { WRITE_ZONE, 0, "of zero bytes" },
        { WRITE_ZONE, IO_MAX + bs, "one sector over the 1 MiB maximum" },
        { 0, 1ULL << 63, "of 2^63 bytes" },
        { 0, UINT64_MAX - bs + 1, "of 2^64 bytes less one sector" },
    };
    const size_t count = sizeof refusals / sizeof refusals[0];

    memset(write_buf, POISON_WRITE, IO_MAX + bs);
    memset(read_buf, POISON_READ, IO_MAX + bs);
    for (size_t i = 0; i < count; i++)
        refuse_in_bindings(&refusals[i]);
    puts("bindings refuse invalid I/O: ok (");
    put_u64(count);
    puts(" kinds of request)\n");
    for (size_t i = 0; i < count; i++)
        refuse_in_monitor(&refusals[i]);
    puts("monitor refuses invalid I/O: ok (");
    put_u64(count);
    puts(" kinds of request)\n");
}

static void put_wall_clock(const char *when)
{
    puts("wall clock at ");
    puts(when);
    puts(": ");
    put_u64(solo5_clock_wall());
    puts("\n");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    const char *cursor = si->cmdline;
    uint64_t seed = 1;
    uint64_t rounds = 1;
    uint64_t buffer_size;

    next_u64(&cursor, &seed, USAGE);
    next_u64(&cursor, &rounds, USAGE);
    check(seed > 0 && rounds > 0 && !next_u64(&cursor, &seed, USAGE), USAGE);
    put_wall_clock("start");
    check(solo5_block_acquire("storage", &handle, &info) == SOLO5_R_OK,
            "solo5_block_acquire(\"storage\") failed");
    puts("storage: capacity ");
    put_u64(info.capacity);
    puts(" block_size ");
    put_u64(info.block_size);
    puts("\n");
    check(info.capacity >= MIN_CAPACITY, "the image is too small: give at least 5 MiB");
    buffer_size = IO_MAX + info.block_size;
    check(2 * buffer_size <= si->heap_size, "the heap is too small for the I/O buffers: raise --mem");
    write_buf = (uint8_t *)si->heap_start;
    read_buf = write_buf + buffer_size;
    test_round_trips(seed, rounds);
    test_refusals();
    put_wall_clock("end");
    success();
    return SOLO5_EXIT_SUCCESS;
}
