// boot.cc: everything between a validated unikernel and the jump to its entry point, except the
// seccomp filter (monitor.cc) and the jump itself (enter.cc).
#include "boot.h"

#include <sys/mman.h>
#include <sys/random.h>

#include <cstring>

#include "common/format.h"
#include "tenor/elf_abi.h"
#include "tenor/spt_abi.h"

namespace tenor::spt {

namespace {

Result<void> load_segments(const GuestMapping& memory, std::span<const uint8_t> file, const ElfImage& image) {
    for (const ElfSegment& segment : image.loads) {
        // parse_elf checked the file range; the guest range is checked here.
        auto target = TRY(memory.bytes(segment.vaddr, segment.memsz));
        std::memcpy(target.data(), file.data() + segment.offset, segment.filesz);
        // Fresh anonymous memory is already zero: the .bss tail is left untouched.
    }
    return Ok{};
}

Result<void> write_cmdline_and_manifest(const GuestMapping& memory, const BootRequest& request) {
    if (request.cmdline.size() >= TENOR_SPT_CMDLINE_SIZE)
        return fail("the guest command line is ", request.cmdline.size(), " bytes: at most ",
                    TENOR_SPT_CMDLINE_SIZE - 1, " fit; shorten the arguments");
    auto cmdline = TRY(memory.bytes(TENOR_SPT_CMDLINE, request.cmdline.size() + 1));
    std::memcpy(cmdline.data(), request.cmdline.c_str(), request.cmdline.size() + 1);

    const auto& raw = request.manifest->raw;
    if (raw.size() > TENOR_SPT_MANIFEST_SIZE)
        return fail("the manifest is ", raw.size(), " bytes, larger than the ABI allows");
    auto mft = TRY(memory.bytes(TENOR_SPT_MANIFEST, raw.size()));
    std::memcpy(mft.data(), raw.data(), raw.size());
    return Ok{};
}

Result<void> write_boot_info(const GuestMapping& memory, const BootRequest& request, const Layout& layout) {
    tenor_spt_boot_info info{};
    info.magic = TENOR_SPT_BOOT_MAGIC;
    info.abi_version = TENOR_SPT_ABI_VERSION;
    info.flags = request.host.fsgsbase ? TENOR_SPT_BOOT_FSGSBASE : 0;
    info.mem_size = layout.mem_size;
    info.kernel_end = layout.kernel_end;
    info.heap_start = layout.heap_start;
    info.heap_size = layout.heap_end - layout.heap_start;
    info.stack_top = layout.stack_top;
    info.stack_size = layout.stack_top - layout.stack_bottom;
    info.cmdline = TENOR_SPT_CMDLINE;
    info.mft = TENOR_SPT_MANIFEST;
    info.vdso_clock_gettime = request.host.vdso_clock_gettime;
    if (getrandom(info.entropy, sizeof info.entropy, 0) != sizeof info.entropy)
        return fail("cannot read random bytes for the guest: ", errno_text());
    auto target = TRY(memory.bytes(TENOR_SPT_BOOT_INFO, sizeof info));
    std::memcpy(target.data(), &info, sizeof info);
    return Ok{};
}

// One mprotect per run of regions with the same protection; the mapping
// starts read-write, so read-write runs need none.
Result<void> protect_regions(const GuestMapping& memory, const Layout& layout) {
    size_t i = 0;
    while (i < layout.regions.size()) {
        size_t j = i;
        while (j + 1 < layout.regions.size() && layout.regions[j + 1].prot == layout.regions[i].prot)
            j++;
        int prot = layout.regions[i].prot;
        if (prot != (PROT_READ | PROT_WRITE))
            TRY_VOID(memory.protect(layout.regions[i].start, layout.regions[j].end, prot));
        i = j + 1;
    }
    return Ok{};
}

}  // namespace

Result<Guest> boot_guest(const BootRequest& request) {
    ElfLoadLimits limits{TENOR_SPT_KERNEL_BASE, request.mem_size};
    ElfImage image = TRY(parse_elf(request.kernel_file, limits));
    Layout layout = TRY(plan_layout(request.mem_size, image));
    GuestMapping memory = TRY(GuestMapping::create(TENOR_SPT_MEM_BASE, request.mem_size));
    TRY_VOID(load_segments(memory, request.kernel_file, image));
    TRY_VOID(write_cmdline_and_manifest(memory, request));
    TRY_VOID(write_boot_info(memory, request, layout));
    TRY_VOID(protect_regions(memory, layout));
    return Guest{std::move(memory), std::move(layout), image.entry};
}

}  // namespace tenor::spt
