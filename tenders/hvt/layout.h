// layout.h: where everything lives in guest memory for one boot (see
// docs/architecture.md for the picture).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/elf.h"
#include "common/result.h"
#include "paging.h"

namespace tenor::hvt {

// One mapped range and its permissions; anything not in a Region is unmapped.
struct Region {
    uint64_t start;
    uint64_t end;
    PagePerms perms;
    std::string what;
};

struct Layout {
    uint64_t mem_size;
    uint64_t kernel_end;    // page-aligned end of the highest PT_LOAD
    uint64_t net_rings;     // start of the network rings (== kernel_end)
    uint64_t heap_start;
    uint64_t heap_end;      // == guard page
    uint64_t stack_bottom;  // lowest stack address; the guard page is just below
    uint64_t stack_top;     // == mem_size
    std::vector<Region> regions;  // ascending, non-overlapping

    uint64_t guard_page() const { return stack_bottom - kPageSize; }
};

// The stack size tenor-hvt gives a guest with mem_size bytes of memory.
uint64_t stack_size_for(uint64_t mem_size);

// Plans the layout of a guest of mem_size bytes running image, with
// net_ring_bytes of network rings after the kernel, or explains why it
// does not fit.
Result<Layout> plan_layout(uint64_t mem_size, const ElfImage& image, uint64_t net_ring_bytes = 0);

}  // namespace tenor::hvt
