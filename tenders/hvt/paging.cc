// paging.cc: identity-mapped page tables with per-page permissions.
#include "paging.h"

#include <cstring>

#include "common/format.h"

namespace tenor::hvt {

namespace {

constexpr unsigned kEntries = 512;

unsigned index_at(uint64_t va, unsigned level) {
    // level 3 = PML4, 2 = PDPT, 1 = PD, 0 = PT.
    return (va >> (12 + 9 * level)) & (kEntries - 1);
}

uint64_t leaf_bits(PagePerms perms) {
    uint64_t bits = kPtePresent;
    if (perms.write)
        bits |= kPteWrite;
    if (perms.user)
        bits |= kPteUser;
    if (!perms.exec)
        bits |= kPteNoExec;
    return bits;
}

// Intermediate entries allow everything; the leaf decides (the CPU takes the
// most restrictive combination over all levels).
constexpr uint64_t kTableBits = kPtePresent | kPteWrite | kPteUser;

}  // namespace

Result<PageTableBuilder> PageTableBuilder::create(const GuestMemory& memory, Gpa pool_start,
                                                  Gpa pool_end) {
    if (pool_start.value() % kPageSize || pool_end.value() % kPageSize ||
        pool_end <= pool_start || !memory.contains(pool_start, pool_end.value() - pool_start.value()))
        return fail("page-table pool ", hex(pool_start.value()), "-", hex(pool_end.value()),
                    " is not a page-aligned range inside guest memory");
    PageTableBuilder builder(memory, pool_start.value(), pool_end.value());
    TRY(builder.allocate_table());
    return builder;
}

Result<uint64_t> PageTableBuilder::allocate_table() {
    if (next_ >= pool_end_)
        return fail("the guest's page tables need more than ", (pool_end_ - pool_start_) / kPageSize,
                    " pages: the unikernel has too many or too scattered segments");
    uint64_t gpa = next_;
    next_ += kPageSize;
    std::memset(table(gpa), 0, kPageSize);
    return gpa;
}

uint64_t* PageTableBuilder::table(uint64_t gpa) const {
    // The pool was checked to lie inside guest memory in create().
    return reinterpret_cast<uint64_t*>(memory_->host_base() + gpa);
}

Result<uint64_t> PageTableBuilder::child(uint64_t parent, unsigned index, uint64_t va) {
    uint64_t& entry = table(parent)[index];
    if (entry & kPtePresent) {
        if (entry & kPteLarge)
            return fail("page-table overlap: ", hex(va), " is already mapped by a large page");
        return entry & kPteAddrMask;
    }
    uint64_t gpa = TRY(allocate_table());
    entry = gpa | kTableBits;
    return gpa;
}

Result<void> PageTableBuilder::map_page(uint64_t va, uint64_t size, PagePerms perms) {
    uint64_t pdpt = TRY(child(root_.value(), index_at(va, 3), va));
    uint64_t pd = TRY(child(pdpt, index_at(va, 2), va));
    if (size == kLargePageSize) {
        uint64_t& entry = table(pd)[index_at(va, 1)];
        if (entry & kPtePresent)
            return fail("page-table overlap: ", hex(va), " is already mapped");
        entry = va | leaf_bits(perms) | kPteLarge;
        return Ok{};
    }
    uint64_t pt = TRY(child(pd, index_at(va, 1), va));
    uint64_t& entry = table(pt)[index_at(va, 0)];
    if (entry & kPtePresent)
        return fail("page-table overlap: ", hex(va), " is already mapped");
    entry = va | leaf_bits(perms);
    return Ok{};
}

Result<void> PageTableBuilder::map(uint64_t start, uint64_t len, PagePerms perms) {
    if (start % kPageSize || len % kPageSize)
        return fail("mapping ", hex(start), "+", hex(len), " is not page-aligned");
    if (start + len < start || !memory_->contains(Gpa(start), len))
        return fail("mapping ", hex(start), "+", hex(len), " lies outside guest memory");
    uint64_t va = start;
    uint64_t end = start + len;
    while (va < end) {
        bool large = va % kLargePageSize == 0 && end - va >= kLargePageSize;
        uint64_t size = large ? kLargePageSize : kPageSize;
        TRY_VOID(map_page(va, size, perms));
        va += size;
    }
    return Ok{};
}

Translation translate(const GuestMemory& memory, Gpa root, uint64_t va) {
    Translation result;
    PagePerms perms{true, true, true};
    uint64_t table = root.value();
    for (int level = 3; level >= 0; level--) {
        auto entry = memory.read<uint64_t>(Gpa(table + 8ULL * index_at(va, level)));
        if (!entry.ok() || !(*entry & kPtePresent))
            return result;
        perms.user = perms.user && (*entry & kPteUser);
        perms.write = perms.write && (*entry & kPteWrite);
        perms.exec = perms.exec && !(*entry & kPteNoExec);
        bool leaf = level == 0 || (level == 1 && (*entry & kPteLarge));
        if (leaf) {
            result.present = true;
            result.page_size = level == 0 ? kPageSize : kLargePageSize;
            result.perms = perms;
            return result;
        }
        table = *entry & kPteAddrMask;
    }
    return result;
}

}  // namespace tenor::hvt
