/*
 * test_tls.c: two TLS blocks set up with solo5_tls_init() and switched with
 * solo5_set_tls_base(). Each starts with the .tdata initial value and a zero
 * .tbss, and writes land in the block that is current.
 */

#include "util.h"

#define TDATA_INITIAL 0x7e57da7aU
#define TLS_ALIGN 64

static __thread uint32_t tdata_var = TDATA_INITIAL;
static __thread uint32_t tbss_var;

/*
 * GCC assumes the thread pointer never changes inside a function, so every
 * access sits in its own non-inlined function to be re-evaluated after a
 * switch.
 */
__attribute__((noinline)) static uint32_t read_tdata(void) { return tdata_var; }
__attribute__((noinline)) static uint32_t read_tbss(void) { return tbss_var; }
__attribute__((noinline)) static void write_tdata(uint32_t v) { tdata_var = v; }
__attribute__((noinline)) static void write_tbss(uint32_t v) { tbss_var = v; }
__attribute__((noinline)) static uintptr_t tdata_address(void) { return (uintptr_t)&tdata_var; }

struct tls_block {
    const char *name;
    uintptr_t start;
};

static void switch_to(const struct tls_block *block)
{
    check(solo5_set_tls_base(solo5_tls_tp_offset(block->start)) == SOLO5_R_OK,
            "solo5_set_tls_base() refused a TLS base");
}

static void check_in_block(const struct tls_block *block, size_t size)
{
    uintptr_t address = tdata_address();

    if (address < block->start || address >= block->start + size) {
        puts("tdata_var is at ");
        put_hex(address);
        puts(", outside TLS block ");
        puts(block->name);
        puts("\n");
        fail("a TLS variable does not live in the current TLS block");
    }
}

static void check_values(uint32_t tdata, uint32_t tbss, const char *when)
{
    puts("checking ");
    puts(when);
    puts("\n");
    check_eq(read_tdata(), tdata, "tdata_var");
    check_eq(read_tbss(), tbss, "tbss_var");
}

static uintptr_t align_up(uintptr_t value, uintptr_t align)
{
    return (value + align - 1) & ~(align - 1);
}

int solo5_app_main(const struct solo5_start_info *si)
{
    size_t size = solo5_tls_size();
    uintptr_t step = align_up(size, TLS_ALIGN);
    struct tls_block a = { "a", align_up(si->heap_start, TLS_ALIGN) };
    struct tls_block b = { "b", a.start + step };

    puts("TLS block size ");
    put_u64(size);
    puts("\n");
    check(size > 0, "solo5_tls_size() is 0 although the guest has TLS variables");
    check(b.start + step <= si->heap_start + si->heap_size, "the heap is too small for two TLS blocks");
    check(solo5_tls_init(a.start) == SOLO5_R_OK, "solo5_tls_init() failed for block a");
    check(solo5_tls_init(b.start) == SOLO5_R_OK, "solo5_tls_init() failed for block b");

    switch_to(&a);
    check_in_block(&a, size);
    check_values(TDATA_INITIAL, 0, "block a after solo5_tls_init");
    write_tdata(0xaaaa0001U);
    write_tbss(0xaaaa0002U);
    check_values(0xaaaa0001U, 0xaaaa0002U, "block a after writing it");

    switch_to(&b);
    check_in_block(&b, size);
    check_values(TDATA_INITIAL, 0, "block b untouched by the writes to block a");
    write_tdata(0xbbbb0001U);
    write_tbss(0xbbbb0002U);
    check_values(0xbbbb0001U, 0xbbbb0002U, "block b after writing it");

    switch_to(&a);
    check_in_block(&a, size);
    check_values(0xaaaa0001U, 0xaaaa0002U, "block a untouched by the writes to block b");
    success();
    return SOLO5_EXIT_SUCCESS;
}
