/*
 * test_blk.c: block I/O on the device "storage". Every 10th block and the
 * last one are written with a pattern and read back; a multi-block transfer
 * round-trips; I/O past the end, of a size that is not a multiple of the
 * block size or at an unaligned offset is refused with SOLO5_R_EINVAL.
 */

#include "util.h"

/* Blocks moved by the multi-block transfer. */
#define MULTI_BLOCKS 4

static solo5_handle_t handle;
static struct solo5_block_info info;
static uint8_t *write_buf;
static uint8_t *read_buf;

static void fill(uint8_t *buf, size_t size, uint64_t seed)
{
    for (size_t i = 0; i < size; i++)
        buf[i] = (uint8_t)(seed * 31 + i * 7 + (i >> 8));
}

static void round_trip(solo5_off_t offset, size_t size)
{
    fill(write_buf, size, offset / info.block_size);
    memset(read_buf, 0, size);
    if (solo5_block_write(handle, offset, write_buf, size) != SOLO5_R_OK) {
        puts("write failed at offset ");
        put_u64(offset);
        puts("\n");
        fail("solo5_block_write() failed");
    }
    if (solo5_block_read(handle, offset, read_buf, size) != SOLO5_R_OK) {
        puts("read failed at offset ");
        put_u64(offset);
        puts("\n");
        fail("solo5_block_read() failed");
    }
    if (memcmp(write_buf, read_buf, size) != 0) {
        puts("data differs at offset ");
        put_u64(offset);
        puts("\n");
        fail("data read back differs from data written");
    }
}

static void test_round_trips(void)
{
    uint64_t blocks = info.capacity / info.block_size;
    uint64_t done = 0;

    for (uint64_t i = 0; i < blocks; i += 10, done++)
        round_trip(i * info.block_size, info.block_size);
    round_trip((blocks - 1) * info.block_size, info.block_size);
    puts("single-block round trips: ");
    put_u64(done + 1);
    puts("\n");
    if (blocks >= MULTI_BLOCKS) {
        round_trip(0, MULTI_BLOCKS * info.block_size);
        puts("multi-block round trip: ok\n");
    }
}

static void expect_einval(solo5_result_t result, const char *what)
{
    if (result != SOLO5_R_EINVAL)
        fail(what);
}

static void test_refusals(void)
{
    size_t bs = info.block_size;

    expect_einval(solo5_block_read(handle, info.capacity, read_buf, bs),
            "a read at the capacity was not refused");
    expect_einval(solo5_block_write(handle, info.capacity, write_buf, bs),
            "a write at the capacity was not refused");
    expect_einval(solo5_block_read(handle, info.capacity - bs, read_buf, 2 * bs),
            "a read running past the end was not refused");
    expect_einval(solo5_block_read(handle, 0, read_buf, bs - 1),
            "a read shorter than a block was not refused");
    expect_einval(solo5_block_write(handle, 0, write_buf, bs + 1),
            "a write of a size that is not a multiple of the block size was not refused");
    expect_einval(solo5_block_read(handle, 1, read_buf, bs),
            "a read at an unaligned offset was not refused");
    expect_einval(solo5_block_write(handle, bs / 2, write_buf, bs),
            "a write at an unaligned offset was not refused");
    puts("invalid I/O refused: ok\n");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    size_t buffer_size;

    check(solo5_block_acquire("storage", &handle, &info) == SOLO5_R_OK,
            "solo5_block_acquire(\"storage\") failed");
    puts("storage: capacity ");
    put_u64(info.capacity);
    puts(" block_size ");
    put_u64(info.block_size);
    puts("\n");
    buffer_size = MULTI_BLOCKS * info.block_size;
    check(2 * buffer_size <= si->heap_size, "the heap is too small for the I/O buffers");
    write_buf = (uint8_t *)si->heap_start;
    read_buf = write_buf + buffer_size;
    test_round_trips();
    test_refusals();
    success();
    return SOLO5_EXIT_SUCCESS;
}
