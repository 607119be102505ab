/*
 * test_blk_hostile.c: block hypercalls with hostile arguments, sent as raw
 * outl instructions so that the bindings' checks cannot stop them. The
 * monitor must stop the guest (exit 1) with a message naming the hypercall
 * and the bad value, never touching host memory outside the guest's or the
 * image. The command line picks the attack:
 *   read-handle-0       BLOCK_READ on handle 0, the manifest's reserved entry
 *   write-handle-99     BLOCK_WRITE on handle 99, beyond the manifest
 *   read-handle-huge    BLOCK_READ on handle 2^63, which must not wrap an index
 *   write-outside       BLOCK_WRITE from a buffer above guest memory
 *   read-outside        BLOCK_READ into a buffer above guest memory
 *   read-straddle       BLOCK_READ into a buffer running past the end of memory
 *   write-wrap          BLOCK_WRITE from a buffer whose end wraps around 2^64
 *   read-wrap           BLOCK_READ into a buffer whose end wraps around 2^64
 *   write-arg-outside   BLOCK_WRITE whose argument structure lies above memory
 *   huge-len            BLOCK_READ and BLOCK_WRITE of 2^63 bytes: these are
 *                       invalid requests, refused with SOLO5_R_EINVAL; the
 *                       device must still work afterwards (exit 0)
 * Every request is otherwise valid: sector-aligned, inside the device.
 */

#include <tenor/hvt_abi.h>

#include "util.h"

/* Far above any --mem a test uses, yet a valid 32-bit port argument. */
#define ARG_OUTSIDE 0x80000000U

static solo5_handle_t handle;
static struct solo5_block_info info;
static struct tenor_hvt_hc_block_io args;
static uint8_t *buffer;

static void send(unsigned number, uint64_t handle_arg, uint64_t data, uint64_t len)
{
    args.handle = handle_arg;
    args.offset = 0;
    args.data = data;
    args.len = len;
    args.ret = -1;
    puts(number == TENOR_HVT_HC_BLOCK_READ ? "BLOCK_READ" : "BLOCK_WRITE");
    puts(": handle ");
    put_u64(handle_arg);
    puts(", buffer ");
    put_hex(data);
    puts(", ");
    put_u64(len);
    puts(" bytes\n");
    hvt_raw_hypercall(number, (uintptr_t)&args);
}

static uint64_t mem_size(void)
{
    const struct tenor_hvt_boot_info *boot = (const struct tenor_hvt_boot_info *)TENOR_HVT_BOOT_INFO;

    check_eq(boot->magic, TENOR_HVT_BOOT_MAGIC, "boot info magic");
    return boot->mem_size;
}

/* Both requests are invalid, not hostile: the guest carries on. */
static void huge_len(void)
{
    send(TENOR_HVT_HC_BLOCK_READ, handle, (uintptr_t)buffer, 1ULL << 63);
    check_eq((uint64_t)args.ret, SOLO5_R_EINVAL, "BLOCK_READ of 2^63 bytes");
    send(TENOR_HVT_HC_BLOCK_WRITE, handle, (uintptr_t)buffer, 1ULL << 63);
    check_eq((uint64_t)args.ret, SOLO5_R_EINVAL, "BLOCK_WRITE of 2^63 bytes");
    puts("requests of 2^63 bytes refused with EINVAL\n");
    check(solo5_block_read(handle, 0, buffer, info.block_size) == SOLO5_R_OK,
            "a valid read failed after the refused ones");
    puts("the device still works\n");
    success();
    solo5_exit(SOLO5_EXIT_SUCCESS);
}

static void attack(const char *name)
{
    uint64_t bs = info.block_size;
    uint64_t top = mem_size();

    if (strcmp(name, "read-handle-0") == 0)
        send(TENOR_HVT_HC_BLOCK_READ, 0, (uintptr_t)buffer, bs);
    else if (strcmp(name, "write-handle-99") == 0)
        send(TENOR_HVT_HC_BLOCK_WRITE, 99, (uintptr_t)buffer, bs);
    else if (strcmp(name, "read-handle-huge") == 0)
        send(TENOR_HVT_HC_BLOCK_READ, 1ULL << 63, (uintptr_t)buffer, bs);
    else if (strcmp(name, "write-outside") == 0)
        send(TENOR_HVT_HC_BLOCK_WRITE, handle, top + TENOR_HVT_PAGE_SIZE, bs);
    else if (strcmp(name, "read-outside") == 0)
        send(TENOR_HVT_HC_BLOCK_READ, handle, top + TENOR_HVT_PAGE_SIZE, bs);
    else if (strcmp(name, "read-straddle") == 0)
        send(TENOR_HVT_HC_BLOCK_READ, handle, top - bs / 2, bs);
    else if (strcmp(name, "write-wrap") == 0)
        send(TENOR_HVT_HC_BLOCK_WRITE, handle, UINT64_MAX - bs / 2 + 1, bs);
    else if (strcmp(name, "read-wrap") == 0)
        send(TENOR_HVT_HC_BLOCK_READ, handle, UINT64_MAX - bs / 2 + 1, bs);
    else if (strcmp(name, "write-arg-outside") == 0)
        hvt_raw_hypercall(TENOR_HVT_HC_BLOCK_WRITE, ARG_OUTSIDE);
    else if (strcmp(name, "huge-len") == 0)
        huge_len();
    else
        fail("unknown attack: expected one of read-handle-0, write-handle-99, read-handle-huge, "
             "write-outside, read-outside, read-straddle, write-wrap, read-wrap, "
             "write-arg-outside, huge-len");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    check(solo5_block_acquire("storage", &handle, &info) == SOLO5_R_OK,
            "solo5_block_acquire(\"storage\") failed");
    check(info.block_size <= si->heap_size, "the heap is too small for one sector");
    buffer = (uint8_t *)si->heap_start;
    attack(si->cmdline);
    puts("the monitor returned: ret ");
    put_u64((uint64_t)args.ret);
    puts("\n");
    fail("the monitor accepted a hostile block hypercall");
}
