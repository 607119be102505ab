// start.cc: the hvt start-up: checks the monitor's boot info, seeds the canary and clock, then boots.
#include "common/bindings.h"
#include "hvt.h"
#include "tenor/elf_abi.h"
#include "tenor/hvt_abi.h"
#include "x86_64/tsc.h"

namespace tenor::bindings::hvt {
namespace {

constinit uint32_t g_boot_flags = 0;

static_assert(TENOR_HVT_CMDLINE_SIZE <= kCmdlineMax, "the bindings keep every command line the monitor passes");

}  // namespace

uint32_t boot_flags() {
    return g_boot_flags;
}

}  // namespace tenor::bindings::hvt

using namespace tenor::bindings;

// Called by _start. It must not use the stack protector itself: it replaces
// the canary, which would make its own epilogue check fail.
extern "C" [[noreturn]] __attribute__((no_stack_protector)) void tenor_target_start(
        const struct tenor_hvt_boot_info *info) {
    if (info->magic != TENOR_HVT_BOOT_MAGIC || info->abi_version != TENOR_HVT_ABI_VERSION)
        refuse_boot_info("tenor-hvt", info->magic, info->abi_version, TENOR_HVT_BOOT_MAGIC,
                TENOR_HVT_ABI_VERSION);
    ssp_init(info->entropy[0]);
    hvt::g_boot_flags = info->flags;
    if (!x86_64::tsc_init(info->tsc_mult, info->tsc_shift)) {
        panic("the monitor passed unusable TSC scaling factors (mult %lu, shift %u)",
                static_cast<unsigned long>(info->tsc_mult), info->tsc_shift);
    }
    BootParams params = {
        .target = "hvt",
        .cmdline = reinterpret_cast<const char *>(info->cmdline),
        .cmdline_max = TENOR_HVT_CMDLINE_SIZE,
        .mem_size = info->mem_size,
        .heap_start = info->heap_start,
        .heap_size = info->heap_size,
        .stack_top = info->stack_top,
        .stack_size = info->stack_size,
        .mft = reinterpret_cast<const struct mft *>(info->mft),
    };
    boot(params);
}
