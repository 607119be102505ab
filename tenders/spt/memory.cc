// memory.cc: the fixed-address guest mapping, with errors that say what collided.
#include "memory.h"

#include <sys/mman.h>

#include <cerrno>
#include <utility>

#include "common/format.h"

namespace tenor::spt {

namespace {

bool page_aligned(uint64_t v) { return (v & 4095) == 0; }

Error map_error(int err, uint64_t start, uint64_t end) {
    std::string range = hex(start) + "-" + hex(end);
    if (err == EEXIST)
        return fail("cannot map guest memory at ", range, ": part of that range is already used "
                    "by the monitor process: choose a smaller --mem");
    if (err == EPERM || err == EACCES)
        return fail("cannot map guest memory at ", range, ": the host forbids mappings that low "
                    "(vm.mmap_min_addr): allow them with 'sysctl vm.mmap_min_addr=", start, "'");
    return fail("cannot map ", (end - start) >> 20, " MiB of guest memory at ", range, ": ",
                errno_text(err), ": choose a smaller --mem");
}

}  // namespace

Result<GuestMapping> GuestMapping::create(uint64_t start, uint64_t end) {
    if (!page_aligned(start) || !page_aligned(end) || end <= start)
        return fail("guest memory range ", hex(start), "-", hex(end), " is not a page-aligned range");
    // MAP_NORESERVE and no MAP_POPULATE: pages cost nothing until the guest
    // touches them. MAP_FIXED_NOREPLACE never replaces a monitor mapping.
    void* want = reinterpret_cast<void*>(start);
    void* got = mmap(want, end - start, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    if (got == MAP_FAILED)
        return map_error(errno, start, end);
    if (got != want) {
        // Kernels before Linux 4.17 take the flag as a mere hint.
        munmap(got, end - start);
        return fail("the host kernel placed guest memory at ", hex(reinterpret_cast<uintptr_t>(got)),
                    " instead of ", hex(start), ": tenor-spt needs MAP_FIXED_NOREPLACE (Linux 4.17 or later)");
    }
    return GuestMapping(start, end);
}

GuestMapping::GuestMapping(GuestMapping&& other) noexcept
    : start_(std::exchange(other.start_, 0)), end_(std::exchange(other.end_, 0)) {}

GuestMapping::~GuestMapping() {
    if (end_ > start_)
        munmap(reinterpret_cast<void*>(start_), end_ - start_);
}

Result<std::span<uint8_t>> GuestMapping::bytes(uint64_t address, uint64_t len) const {
    if (address < start_ || address > end_ || len > end_ - address)
        return fail("range ", hex(address), "+", hex(len), " lies outside guest memory ", hex(start_),
                    "-", hex(end_));
    return std::span<uint8_t>(reinterpret_cast<uint8_t*>(address), len);
}

Result<void> GuestMapping::protect(uint64_t start, uint64_t end, int prot) const {
    if (!page_aligned(start) || !page_aligned(end) || start < start_ || end > end_ || end < start)
        return fail("cannot protect ", hex(start), "-", hex(end), ": not a page-aligned range of guest memory");
    if (end > start && mprotect(reinterpret_cast<void*>(start), end - start, prot) < 0)
        return fail("cannot set the protection of guest memory ", hex(start), "-", hex(end), ": ",
                    errno_text());
    return Ok{};
}

}  // namespace tenor::spt
