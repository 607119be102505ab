/*
 * test_mft_maxdevices.c: a manifest with the maximum of 63 block devices
 * (d1..d63) loads, and the first and the last can be acquired, their handles
 * being their manifest indices.
 */

#include "util.h"

static void acquire(const char *name, solo5_handle_t expected_handle)
{
    solo5_handle_t handle;
    struct solo5_block_info info;

    if (solo5_block_acquire(name, &handle, &info) != SOLO5_R_OK) {
        puts("cannot acquire block device ");
        puts(name);
        puts("\n");
        fail("solo5_block_acquire() failed");
    }
    puts(name);
    puts(": handle ");
    put_u64(handle);
    puts(" capacity ");
    put_u64(info.capacity);
    puts("\n");
    check_eq(handle, expected_handle, "handle (the device's manifest index)");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    acquire("d1", 1);
    acquire("d63", 63);
    success();
    return SOLO5_EXIT_SUCCESS;
}
