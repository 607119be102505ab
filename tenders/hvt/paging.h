// paging.h: builds the guest's 4-level identity-mapped page tables
// (Intel SDM Vol. 3A, 4.5 "4-Level Paging") inside guest memory.
#pragma once

#include <cstdint>

#include "common/guest_memory.h"
#include "common/result.h"

namespace tenor::hvt {

// What a mapping allows. Reading is implied by being mapped.
struct PagePerms {
    bool user = false;   // reachable from CPL3
    bool write = false;
    bool exec = false;
    bool operator==(const PagePerms&) const = default;
};

// Page-table entry bits (Intel SDM Vol. 3A, Table 4-19/4-20).
inline constexpr uint64_t kPtePresent = 1ULL << 0;
inline constexpr uint64_t kPteWrite = 1ULL << 1;
inline constexpr uint64_t kPteUser = 1ULL << 2;
inline constexpr uint64_t kPteLarge = 1ULL << 7;
inline constexpr uint64_t kPteNoExec = 1ULL << 63;
inline constexpr uint64_t kPteAddrMask = 0x000ffffffffff000ULL;

inline constexpr uint64_t kPageSize = 0x1000;
inline constexpr uint64_t kLargePageSize = 0x200000;

// Allocates table pages from a pool in guest memory, which the guest never
// maps, and fills in identity mappings. Uses 2 MiB pages wherever a whole
// aligned 2 MiB range has one set of permissions.
class PageTableBuilder {
public:
    static Result<PageTableBuilder> create(const GuestMemory& memory, Gpa pool_start, Gpa pool_end);

    // Maps [start, start + len) to itself. Both page-aligned; the range
    // must not overlap anything mapped before.
    Result<void> map(uint64_t start, uint64_t len, PagePerms perms);

    // The value for CR3.
    Gpa root() const { return root_; }
    // Table pages used so far.
    uint64_t pages_used() const { return (next_ - pool_start_) / kPageSize; }

private:
    PageTableBuilder(const GuestMemory& memory, uint64_t pool_start, uint64_t pool_end)
        : memory_(&memory), pool_start_(pool_start), next_(pool_start), pool_end_(pool_end),
          root_(pool_start) {}

    Result<uint64_t> allocate_table();
    uint64_t* table(uint64_t gpa) const;
    // The table that entry `index` of `parent` points to, created if absent.
    Result<uint64_t> child(uint64_t parent, unsigned index, uint64_t va);
    Result<void> map_page(uint64_t va, uint64_t size, PagePerms perms);

    const GuestMemory* memory_;
    uint64_t pool_start_;
    uint64_t next_;
    uint64_t pool_end_;
    Gpa root_;
};

// The result of walking the tables for one address.
struct Translation {
    bool present = false;
    uint64_t page_size = 0;
    PagePerms perms;
};

// Walks the tables at root for va, combining the permissions of every
// level as the CPU does. Reads only through GuestMemory's checks.
Translation translate(const GuestMemory& memory, Gpa root, uint64_t va);

}  // namespace tenor::hvt
