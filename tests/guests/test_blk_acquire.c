/*
 * test_blk_acquire.c: the block device "storage" declared in the manifest can
 * be acquired once; a second acquire, an undeclared name and acquiring it as
 * a network device are refused with SOLO5_R_EINVAL.
 */

#include "util.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    solo5_handle_t handle;
    solo5_handle_t other;
    struct solo5_block_info info;
    struct solo5_net_info net_info;

    (void)si;
    check(solo5_block_acquire("storage", &handle, &info) == SOLO5_R_OK,
            "solo5_block_acquire(\"storage\") failed");
    puts("storage: handle ");
    put_u64(handle);
    puts(" capacity ");
    put_u64(info.capacity);
    puts(" block_size ");
    put_u64(info.block_size);
    puts("\n");
    check(info.block_size >= 512, "the block size is below 512");
    check(info.capacity > 0 && info.capacity % info.block_size == 0,
            "the capacity is not a non-zero multiple of the block size");
    check(solo5_block_acquire("storage", &other, &info) == SOLO5_R_EINVAL,
            "acquiring \"storage\" twice was not refused with EINVAL");
    check(solo5_block_acquire("nonexistent", &other, &info) == SOLO5_R_EINVAL,
            "acquiring an undeclared block device was not refused with EINVAL");
    check(solo5_net_acquire("storage", &other, &net_info) == SOLO5_R_EINVAL,
            "acquiring a block device as a network device was not refused with EINVAL");
    success();
    return SOLO5_EXIT_SUCCESS;
}
