// start.cc: the spt start-up: checks the monitor's boot info, seeds the canary, then boots.
#include "common/bindings.h"
#include "spt.h"
#include "tenor/elf_abi.h"
#include "tenor/spt_abi.h"

namespace tenor::bindings::spt {
namespace {

constinit uint32_t g_boot_flags = 0;
constinit uint64_t g_vdso_clock_gettime = 0;

static_assert(TENOR_SPT_CMDLINE_SIZE <= kCmdlineMax, "the bindings keep every command line the monitor passes");

}  // namespace

uint32_t boot_flags() {
    return g_boot_flags;
}

uint64_t vdso_clock_gettime() {
    return g_vdso_clock_gettime;
}

}  // namespace tenor::bindings::spt

using namespace tenor::bindings;

// Called by _start. It must not use the stack protector itself: it replaces
// the canary, which would make its own epilogue check fail.
extern "C" [[noreturn]] __attribute__((no_stack_protector)) void tenor_target_start(
        const struct tenor_spt_boot_info *info) {
    if (info->magic != TENOR_SPT_BOOT_MAGIC || info->abi_version != TENOR_SPT_ABI_VERSION)
        refuse_boot_info("tenor-spt", info->magic, info->abi_version, TENOR_SPT_BOOT_MAGIC,
                TENOR_SPT_ABI_VERSION);
    ssp_init(info->entropy[0]);
    spt::g_boot_flags = info->flags;
    spt::g_vdso_clock_gettime = info->vdso_clock_gettime;
    BootParams params = {
        .target = "spt",
        .cmdline = reinterpret_cast<const char *>(info->cmdline),
        .cmdline_max = TENOR_SPT_CMDLINE_SIZE,
        .mem_size = info->mem_size,
        .heap_start = info->heap_start,
        .heap_size = info->heap_size,
        .stack_top = info->stack_top,
        .stack_size = info->stack_size,
        .mft = reinterpret_cast<const struct mft *>(info->mft),
    };
    boot(params);
}
