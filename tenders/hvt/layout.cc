// layout.cc: the guest memory plan: monitor-owned pages, the kernel's
// segments, the heap, a guard page and the stack.
#include "layout.h"

#include <algorithm>

#include "common/format.h"
#include "common/guest_layout.h"
#include "tenor/hvt_abi.h"

namespace tenor::hvt {

namespace {

constexpr uint64_t kMinHeap = kGuestMinHeap;

uint64_t page_up(uint64_t v) { return (v + kPageSize - 1) & ~(kPageSize - 1); }

constexpr PagePerms kGuestRead{.user = true, .write = false, .exec = false};
constexpr PagePerms kGuestReadWrite{.user = true, .write = true, .exec = false};
constexpr PagePerms kSupervisorRead{.user = false, .write = false, .exec = false};
constexpr PagePerms kSupervisorReadWrite{.user = false, .write = true, .exec = false};
constexpr PagePerms kSupervisorExec{.user = false, .write = false, .exec = true};

void add_monitor_regions(std::vector<Region>& regions) {
    regions.push_back({TENOR_HVT_BOOT_INFO, TENOR_HVT_BOOT_INFO + kPageSize, kGuestRead, "boot info"});
    regions.push_back({TENOR_HVT_CMDLINE, TENOR_HVT_CMDLINE + TENOR_HVT_CMDLINE_SIZE, kGuestRead,
                       "command line"});
    regions.push_back({TENOR_HVT_MANIFEST, TENOR_HVT_MANIFEST + TENOR_HVT_MANIFEST_SIZE, kGuestRead,
                       "manifest"});
    // The CPU may set accessed/busy bits in descriptors, so the GDT stays writable
    // for ring 0; the guest at CPL3 can reach none of these pages.
    regions.push_back({TENOR_HVT_GDT, TENOR_HVT_GDT + kPageSize, kSupervisorReadWrite, "GDT"});
    regions.push_back({TENOR_HVT_IDT, TENOR_HVT_IDT + kPageSize, kSupervisorRead, "IDT"});
    regions.push_back({TENOR_HVT_TSS, TENOR_HVT_TSS + TENOR_HVT_TSS_SIZE, kSupervisorRead, "TSS"});
    regions.push_back({TENOR_HVT_TRAP_CODE, TENOR_HVT_TRAP_CODE + kPageSize, kSupervisorExec,
                       "trap stubs"});
    regions.push_back({TENOR_HVT_TRAP_STACK, TENOR_HVT_TRAP_STACK_TOP, kSupervisorReadWrite,
                       "trap stack"});
}

}  // namespace

uint64_t stack_size_for(uint64_t mem_size) {
    return guest_stack_size(mem_size);
}

Result<Layout> plan_layout(uint64_t mem_size, const ElfImage& image, uint64_t net_ring_bytes) {
    Layout layout{};
    layout.mem_size = mem_size;
    layout.kernel_end = page_up(image.load_end);
    layout.net_rings = layout.kernel_end;
    layout.stack_top = mem_size;
    layout.stack_bottom = mem_size - stack_size_for(mem_size);
    layout.heap_start = layout.kernel_end + page_up(net_ring_bytes);
    layout.heap_end = layout.stack_bottom - kPageSize;
    if (net_ring_bytes > mem_size || layout.heap_start > layout.heap_end ||
        layout.heap_end - layout.heap_start < kMinHeap) {
        uint64_t need = layout.heap_start + kMinHeap + kPageSize + stack_size_for(mem_size);
        return fail("--mem=", mem_size >> 20, " is too small for this unikernel: it needs at least ",
                    (need + (1 << 20) - 1) >> 20, " MiB");
    }

    add_monitor_regions(layout.regions);
    for (const ElfSegment& segment : image.loads) {
        PagePerms perms{.user = true, .write = segment.write, .exec = segment.exec};
        const char* what = segment.exec ? "text" : segment.write ? "data" : "rodata";
        layout.regions.push_back({segment.vaddr, page_up(segment.vaddr + segment.memsz), perms, what});
    }
    if (layout.heap_start > layout.net_rings)
        layout.regions.push_back({layout.net_rings, layout.heap_start, kGuestReadWrite, "net rings"});
    layout.regions.push_back({layout.heap_start, layout.heap_end, kGuestReadWrite, "heap"});
    layout.regions.push_back({layout.stack_bottom, layout.stack_top, kGuestReadWrite, "stack"});
    return layout;
}

}  // namespace tenor::hvt
