// guest_memory.cc: guest RAM mapping and its bounds-checked accessors.
#include "guest_memory.h"

#include <sys/mman.h>

#include <utility>

#include "format.h"

namespace tenor {

Result<GuestMemory> GuestMemory::create(uint64_t size) {
    // MAP_NORESERVE and no MAP_POPULATE: pages are faulted in when the guest
    // first touches them, so a short-lived guest with 512 MiB costs little.
    void* base = mmap(nullptr, size, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED)
        return fail("cannot map ", size >> 20, " MiB of guest memory: ", errno_text(),
                    ": choose a smaller --mem");
    return GuestMemory(static_cast<uint8_t*>(base), size);
}

GuestMemory::GuestMemory(GuestMemory&& other) noexcept
    : base_(std::exchange(other.base_, nullptr)), size_(std::exchange(other.size_, 0)) {}

GuestMemory& GuestMemory::operator=(GuestMemory&& other) noexcept {
    if (this != &other) {
        if (base_)
            munmap(base_, size_);
        base_ = std::exchange(other.base_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

GuestMemory::~GuestMemory() {
    if (base_)
        munmap(base_, size_);
}

void GuestMemory::advise_huge_pages(Gpa gpa, uint64_t len) const {
    constexpr uint64_t kHuge = 2 << 20;
    if (!contains(gpa, len))
        return;
    uint64_t start = (gpa.value() + kHuge - 1) & ~(kHuge - 1);
    uint64_t end = (gpa.value() + len) & ~(kHuge - 1);
    // The mapping itself is only page-aligned: align the host addresses.
    uintptr_t host_start = (reinterpret_cast<uintptr_t>(base_) + start + kHuge - 1) & ~(kHuge - 1);
    uintptr_t host_end = (reinterpret_cast<uintptr_t>(base_) + end) & ~(kHuge - 1);
    if (host_end > host_start)
        madvise(reinterpret_cast<void*>(host_start), host_end - host_start, MADV_HUGEPAGE);
}

Result<std::span<uint8_t>> GuestMemory::bytes(Gpa gpa, uint64_t len) const {
    if (!contains(gpa, len))
        return fail("range ", hex(gpa.value()), "+", hex(len), " lies outside guest memory (",
                    hex(size_), " bytes)");
    return std::span<uint8_t>(base_ + gpa.value(), len);
}

Result<void> GuestMemory::check_object(Gpa gpa, uint64_t size, uint64_t align) const {
    if (gpa.value() % align != 0)
        return fail("address ", hex(gpa.value()), " is not ", align, "-byte aligned");
    if (!contains(gpa, size))
        return fail("address ", hex(gpa.value()), " (", size, " bytes) lies outside guest memory (",
                    hex(size_), " bytes)");
    return Ok{};
}

}  // namespace tenor
