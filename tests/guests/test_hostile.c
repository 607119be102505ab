/*
 * test_hostile.c: hypercalls with hostile arguments, issued with raw outl
 * instructions. The monitor must stop the guest (exit 1) with a message
 * naming the hypercall and must never read outside guest memory. The command
 * line picks the attack:
 *   puts-outside   PUTS whose data lies above guest memory
 *   puts-wrap      PUTS whose data + len wraps around 2^64
 *   arg-outside    an argument structure address above guest memory
 *   arg-straddle   an argument structure running past the end of guest memory
 *   arg-unaligned  an argument structure that is not 8-byte aligned
 *   unknown        hypercall number 15, which does not exist
 *   unknown0       hypercall number 0, which does not exist
 */

#include <tenor/hvt_abi.h>

#include "util.h"

/* Far above any --mem a test uses, yet a valid 32-bit port argument. */
#define ARG_OUTSIDE 0x80000000U

static const char message[] = "this should never reach the console\n";

/* Static storage below 4 GiB, 8-byte aligned as the ABI requires. */
static struct tenor_hvt_hc_puts puts_arg __attribute__((aligned(8)));
static uint8_t scratch[64] __attribute__((aligned(8)));

static void outl(uint16_t port, uint32_t value)
{
    __asm__ __volatile__("outl %0, %1" : : "a"(value), "Nd"(port) : "memory");
}

static void hypercall(unsigned number, uintptr_t arg)
{
    puts("issuing hypercall ");
    put_u64(number);
    puts(" with argument address ");
    put_hex(arg);
    puts("\n");
    outl((uint16_t)(TENOR_HVT_PIO_BASE + number), (uint32_t)arg);
}

static const struct tenor_hvt_boot_info *boot_info(void)
{
    const struct tenor_hvt_boot_info *info = (const struct tenor_hvt_boot_info *)TENOR_HVT_BOOT_INFO;

    check_eq(info->magic, TENOR_HVT_BOOT_MAGIC, "boot info magic");
    return info;
}

static void attack(const char *name)
{
    uint64_t mem_size = boot_info()->mem_size;

    if (strcmp(name, "puts-outside") == 0) {
        puts_arg.data = mem_size + TENOR_HVT_PAGE_SIZE;
        puts_arg.len = 16;
        hypercall(TENOR_HVT_HC_PUTS, (uintptr_t)&puts_arg);
    } else if (strcmp(name, "puts-wrap") == 0) {
        puts_arg.data = (uintptr_t)message;
        /* data + len == 16 modulo 2^64. */
        puts_arg.len = UINT64_MAX - (uintptr_t)message + 1 + 16;
        hypercall(TENOR_HVT_HC_PUTS, (uintptr_t)&puts_arg);
    } else if (strcmp(name, "arg-outside") == 0) {
        hypercall(TENOR_HVT_HC_PUTS, ARG_OUTSIDE);
    } else if (strcmp(name, "arg-straddle") == 0) {
        /* Half of the 16-byte structure lies beyond the last byte of memory. */
        hypercall(TENOR_HVT_HC_PUTS, mem_size - 8);
    } else if (strcmp(name, "arg-unaligned") == 0) {
        struct tenor_hvt_hc_puts valid = { (uintptr_t)message, sizeof message - 1 };
        memcpy(scratch + 4, &valid, sizeof valid);
        hypercall(TENOR_HVT_HC_PUTS, (uintptr_t)(scratch + 4));
    } else if (strcmp(name, "unknown") == 0) {
        puts_arg.data = (uintptr_t)message;
        puts_arg.len = sizeof message - 1;
        hypercall(15, (uintptr_t)&puts_arg);
    } else if (strcmp(name, "unknown0") == 0) {
        puts_arg.data = (uintptr_t)message;
        puts_arg.len = sizeof message - 1;
        hypercall(0, (uintptr_t)&puts_arg);
    } else {
        fail("unknown attack: expected one of puts-outside, puts-wrap, arg-outside, "
             "arg-straddle, arg-unaligned, unknown, unknown0");
    }
}

int solo5_app_main(const struct solo5_start_info *si)
{
    attack(si->cmdline);
    fail("the monitor accepted a hostile hypercall");
}
