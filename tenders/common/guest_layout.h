// guest_layout.h: the sizing rules every monitor applies to a guest's stack and heap.
#pragma once

#include <algorithm>
#include <cstdint>

namespace tenor {

// The smallest heap a monitor starts a guest with.
inline constexpr uint64_t kGuestMinHeap = 64 * 1024;

// The stack a guest with mem_size bytes of memory gets: an eighth of it,
// from 256 KiB to 8 MiB, in whole 4 KiB pages.
inline uint64_t guest_stack_size(uint64_t mem_size) {
    return std::clamp<uint64_t>(mem_size / 8, 256 * 1024, 8 * 1024 * 1024) & ~uint64_t{4095};
}

}  // namespace tenor
