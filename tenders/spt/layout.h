// layout.h: where everything lives in an spt guest's part of the monitor's address space, and
// with which protection (docs/spt.md has the picture).
#pragma once

#include <cstdint>
#include <vector>

#include "common/elf.h"
#include "common/result.h"

namespace tenor::spt {

inline constexpr uint64_t kPageSize = 4096;

// One page-aligned range of guest memory and the mmap protection it ends up with.
struct Region {
    uint64_t start;
    uint64_t end;
    int prot;           // PROT_* flags; PROT_NONE stands for "unmapped" in the guest's view
    const char* what;
};

struct Layout {
    uint64_t mem_size;      // guest memory is [TENOR_SPT_MEM_BASE, mem_size)
    uint64_t kernel_end;    // page-aligned end of the highest PT_LOAD
    uint64_t heap_start;    // == kernel_end
    uint64_t heap_end;      // == the guard page
    uint64_t stack_bottom;  // lowest stack address; the guard page is just below
    uint64_t stack_top;     // == mem_size
    // Ascending, contiguous, covering [TENOR_SPT_MEM_BASE, mem_size) exactly.
    std::vector<Region> regions;

    uint64_t guard_page() const { return stack_bottom - kPageSize; }
};

// Plans the layout of a guest of mem_size bytes running image, or explains
// why it does not fit.
Result<Layout> plan_layout(uint64_t mem_size, const ElfImage& image);

// The protection the guest sees at address, or -1 outside guest memory.
int protection_at(const Layout& layout, uint64_t address);

}  // namespace tenor::spt
