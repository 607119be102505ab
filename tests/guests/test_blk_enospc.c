/*
 * test_blk_enospc.c: a host I/O error reaches the guest as SOLO5_R_EUNSPEC.
 * The image is sparse and lies on a file system with less free space than
 * its size (tests/e2e/blk/enospc.sh); the guest writes CHUNK-sized requests
 * from a quarter of the device upward until one fails, prints the result,
 * then reads back every chunk that was written: the monitor must have kept
 * running, the data written before the failure must be intact, and the
 * failed write must have written nothing (its range was a hole, so it still
 * reads as zeros). The first quarter of the device is the host's, which
 * checks it afterwards.
 */

#include "util.h"

#define CHUNK (64 * 1024)

static solo5_handle_t handle;
static struct solo5_block_info info;
static uint8_t *write_buf;
static uint8_t *read_buf;

static void fill(uint8_t *buf, solo5_off_t offset)
{
    for (uint64_t i = 0; i < CHUNK; i++)
        buf[i] = (uint8_t)(((offset + i) * 0x9e3779b97f4a7c15ULL) >> 56);
}

static const char *result_name(solo5_result_t result)
{
    switch (result) {
    case SOLO5_R_OK:
        return "SOLO5_R_OK";
    case SOLO5_R_AGAIN:
        return "SOLO5_R_AGAIN";
    case SOLO5_R_EINVAL:
        return "SOLO5_R_EINVAL";
    case SOLO5_R_EUNSPEC:
        return "SOLO5_R_EUNSPEC";
    }
    return "an unknown result";
}

/* Writes chunks from start on until one fails; returns the failing offset. */
static solo5_off_t write_until_failure(solo5_off_t start)
{
    for (solo5_off_t offset = start; offset + CHUNK <= info.capacity; offset += CHUNK) {
        fill(write_buf, offset);
        solo5_result_t result = solo5_block_write(handle, offset, write_buf, CHUNK);
        if (result == SOLO5_R_OK)
            continue;
        puts("write of ");
        put_u64(CHUNK);
        puts(" bytes at ");
        put_u64(offset);
        puts(": ");
        puts(result_name(result));
        puts("\n");
        check(result == SOLO5_R_EUNSPEC, "a failed host write was not reported as SOLO5_R_EUNSPEC");
        return offset;
    }
    fail("every write succeeded: the image's file system did not fill up");
}

static void verify_chunks(solo5_off_t start, solo5_off_t end)
{
    for (solo5_off_t offset = start; offset < end; offset += CHUNK) {
        check(solo5_block_read(handle, offset, read_buf, CHUNK) == SOLO5_R_OK,
                "reading back a written chunk failed");
        fill(write_buf, offset);
        if (memcmp(write_buf, read_buf, CHUNK) != 0) {
            puts("wrong data at offset ");
            put_u64(offset);
            puts("\n");
            fail("a chunk written before the failure did not read back intact");
        }
    }
    puts("chunks written before the failure read back intact: ");
    put_u64((end - start) / CHUNK);
    puts("\n");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    solo5_off_t start;
    solo5_off_t failed;

    check(solo5_block_acquire("storage", &handle, &info) == SOLO5_R_OK,
            "solo5_block_acquire(\"storage\") failed");
    check(CHUNK % info.block_size == 0 && info.capacity % (4 * CHUNK) == 0,
            "the image must be a multiple of 256 KiB with sectors of at most 64 KiB");
    check(2 * CHUNK <= si->heap_size, "the heap is too small for the I/O buffers");
    write_buf = (uint8_t *)si->heap_start;
    read_buf = write_buf + CHUNK;
    start = info.capacity / 4;
    failed = write_until_failure(start);
    verify_chunks(start, failed);
    check(solo5_block_read(handle, failed, read_buf, CHUNK) == SOLO5_R_OK,
            "reading the range of the failed write failed");
    puts("the device still works after the failure\n");
    /* Writes are all or nothing: the failed one left its range a hole, which reads as zeros. */
    for (uint64_t i = 0; i < CHUNK; i++)
        check(read_buf[i] == 0, "the failed write changed its range: writes must be all or nothing");
    puts("the failed write changed nothing\n");
    success();
    return SOLO5_EXIT_SUCCESS;
}
