// memory.h: GuestMapping, the guest's memory at its fixed addresses inside the monitor's process.
#pragma once

#include <cstdint>
#include <span>

#include "common/result.h"

namespace tenor::spt {

// [start, end) of anonymous memory mapped at exactly those addresses,
// touched on demand (never populated up front). Unmapped on destruction
// unless handed to the guest with release().
class GuestMapping {
public:
    // Fails, saying what to do, if anything of the monitor's already lies
    // in the range or the host does not allow mappings that low.
    static Result<GuestMapping> create(uint64_t start, uint64_t end);
    GuestMapping(GuestMapping&& other) noexcept;
    GuestMapping& operator=(GuestMapping&&) = delete;
    GuestMapping(const GuestMapping&) = delete;
    ~GuestMapping();

    uint64_t start() const { return start_; }
    uint64_t end() const { return end_; }

    // The bytes at [address, address + len), or an error naming the range.
    Result<std::span<uint8_t>> bytes(uint64_t address, uint64_t len) const;

    // mprotect()s the page-aligned [start, end), which must lie inside.
    Result<void> protect(uint64_t start, uint64_t end, int prot) const;

    // The guest owns the memory from now on: it is never unmapped.
    void release() { start_ = end_ = 0; }

private:
    GuestMapping(uint64_t start, uint64_t end) : start_(start), end_(end) {}

    uint64_t start_;
    uint64_t end_;
};

}  // namespace tenor::spt
