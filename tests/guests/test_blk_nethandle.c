/*
 * test_blk_nethandle.c: a block hypercall on the handle of a network device,
 * sent as a raw outl so that the bindings' type check cannot stop it. The
 * manifest declares the block device "storage" and the network device
 * "service"; the monitor must refuse BLOCK_WRITE (command line "write") or
 * BLOCK_READ ("read") on the latter's handle and stop the guest with exit 1,
 * since that handle has no block device behind it.
 */

#include <tenor/hvt_abi.h>

#include "util.h"

static struct tenor_hvt_hc_block_io args;

int solo5_app_main(const struct solo5_start_info *si)
{
    solo5_handle_t block_handle;
    solo5_handle_t net_handle;
    struct solo5_block_info block_info;
    struct solo5_net_info net_info;
    unsigned number;

    check(solo5_block_acquire("storage", &block_handle, &block_info) == SOLO5_R_OK,
            "solo5_block_acquire(\"storage\") failed");
    check(solo5_net_acquire("service", &net_handle, &net_info) == SOLO5_R_OK,
            "solo5_net_acquire(\"service\") failed");
    check(block_info.block_size <= si->heap_size, "the heap is too small for one sector");
    if (strcmp(si->cmdline, "write") == 0)
        number = TENOR_HVT_HC_BLOCK_WRITE;
    else if (strcmp(si->cmdline, "read") == 0)
        number = TENOR_HVT_HC_BLOCK_READ;
    else
        fail("usage: test_blk_nethandle.hvt read|write");
    args.handle = net_handle;
    args.offset = 0;
    args.data = si->heap_start;
    args.len = block_info.block_size;
    args.ret = -1;
    puts("block I/O on the network device's handle ");
    put_u64(net_handle);
    puts("\n");
    hvt_raw_hypercall(number, (uintptr_t)&args);
    fail("the monitor accepted block I/O on a network device's handle");
}
