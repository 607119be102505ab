// layout.cc: the spt guest memory plan: boot data, the kernel's segments, the heap, a guard page
// and the stack, with every byte between them PROT_NONE.
#include "layout.h"

#include <sys/mman.h>

#include "common/guest_layout.h"
#include "tenor/spt_abi.h"

namespace tenor::spt {

namespace {

uint64_t page_up(uint64_t v) { return (v + kPageSize - 1) & ~(kPageSize - 1); }

int segment_prot(const ElfSegment& segment) {
    return (segment.read ? PROT_READ : 0) | (segment.write ? PROT_WRITE : 0) |
           (segment.exec ? PROT_EXEC : 0);
}

const char* segment_name(const ElfSegment& segment) {
    return segment.exec ? "text" : segment.write ? "data" : "rodata";
}

// Appends [start, end) unless empty; a hole before it becomes PROT_NONE so
// that the regions stay contiguous.
void append(std::vector<Region>& regions, uint64_t start, uint64_t end, int prot, const char* what) {
    uint64_t previous_end = regions.empty() ? start : regions.back().end;
    if (start > previous_end)
        regions.push_back({previous_end, start, PROT_NONE, "unused"});
    if (end > start)
        regions.push_back({start, end, prot, what});
}

void add_boot_regions(std::vector<Region>& regions) {
    append(regions, TENOR_SPT_BOOT_INFO, TENOR_SPT_BOOT_INFO + kPageSize, PROT_READ, "boot info");
    append(regions, TENOR_SPT_CMDLINE, TENOR_SPT_CMDLINE + TENOR_SPT_CMDLINE_SIZE, PROT_READ,
           "command line");
    append(regions, TENOR_SPT_MANIFEST, TENOR_SPT_MANIFEST + TENOR_SPT_MANIFEST_SIZE, PROT_READ,
           "manifest");
    append(regions, TENOR_SPT_RESERVED_END, TENOR_SPT_KERNEL_BASE, PROT_NONE, "reserved");
}

}  // namespace

Result<Layout> plan_layout(uint64_t mem_size, const ElfImage& image) {
    Layout layout{};
    layout.mem_size = mem_size;
    layout.kernel_end = page_up(image.load_end);
    layout.stack_top = mem_size;
    layout.stack_bottom = mem_size - guest_stack_size(mem_size);
    layout.heap_start = layout.kernel_end;
    layout.heap_end = layout.stack_bottom - kPageSize;
    if (layout.heap_start > layout.heap_end || layout.heap_end - layout.heap_start < kGuestMinHeap) {
        uint64_t need = layout.heap_start + kGuestMinHeap + kPageSize + guest_stack_size(mem_size);
        return fail("--mem=", mem_size >> 20, " is too small for this unikernel: it needs at least ",
                    (need + (1 << 20) - 1) >> 20, " MiB");
    }
    add_boot_regions(layout.regions);
    for (const ElfSegment& segment : image.loads)
        append(layout.regions, segment.vaddr, page_up(segment.vaddr + segment.memsz),
               segment_prot(segment), segment_name(segment));
    append(layout.regions, layout.heap_start, layout.heap_end, PROT_READ | PROT_WRITE, "heap");
    append(layout.regions, layout.heap_end, layout.stack_bottom, PROT_NONE, "guard page");
    append(layout.regions, layout.stack_bottom, layout.stack_top, PROT_READ | PROT_WRITE, "stack");
    return layout;
}

int protection_at(const Layout& layout, uint64_t address) {
    for (const Region& region : layout.regions) {
        if (address >= region.start && address < region.end)
            return region.prot;
    }
    return -1;
}

}  // namespace tenor::spt
