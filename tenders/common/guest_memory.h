// guest_memory.h: Gpa, the guest-physical address type, and GuestMemory, the
// one checked accessor through which the monitor reaches guest memory.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>

#include "result.h"

namespace tenor {

// A guest-physical address. Never a host pointer: turning one into host
// memory goes through GuestMemory, which checks bounds.
class Gpa {
public:
    constexpr explicit Gpa(uint64_t value) : value_(value) {}
    constexpr uint64_t value() const { return value_; }
    constexpr auto operator<=>(const Gpa&) const = default;

private:
    uint64_t value_;
};

// Guest RAM: one anonymous mapping, touched on demand (never populated up
// front). Unmapped on destruction.
class GuestMemory {
public:
    static Result<GuestMemory> create(uint64_t size);
    GuestMemory(GuestMemory&& other) noexcept;
    GuestMemory& operator=(GuestMemory&& other) noexcept;
    GuestMemory(const GuestMemory&) = delete;
    GuestMemory& operator=(const GuestMemory&) = delete;
    ~GuestMemory();

    uint64_t size() const { return size_; }
    uint8_t* host_base() const { return base_; }

    // True if [gpa, gpa + len) lies inside guest memory (overflow-checked).
    bool contains(Gpa gpa, uint64_t len) const {
        return gpa.value() <= size_ && len <= size_ - gpa.value();
    }

    // Asks the host to back the 2 MiB-aligned part of [gpa, gpa + len) with
    // transparent huge pages: fewer faults and TLB misses for large heaps.
    // Best effort; ranges outside memory are ignored.
    void advise_huge_pages(Gpa gpa, uint64_t len) const;

    // The host bytes backing [gpa, gpa + len), or an error naming the range.
    Result<std::span<uint8_t>> bytes(Gpa gpa, uint64_t len) const;

    // Copies a T out of guest memory; gpa must be aligned for T.
    template <typename T>
    Result<T> read(Gpa gpa) const {
        static_assert(std::is_trivially_copyable_v<T>);
        TRY_VOID(check_object(gpa, sizeof(T), alignof(T)));
        T value;
        std::memcpy(&value, base_ + gpa.value(), sizeof(T));
        return value;
    }

    // Copies a T into guest memory; gpa must be aligned for T.
    template <typename T>
    Result<void> write(Gpa gpa, const T& value) const {
        static_assert(std::is_trivially_copyable_v<T>);
        TRY_VOID(check_object(gpa, sizeof(T), alignof(T)));
        std::memcpy(base_ + gpa.value(), &value, sizeof(T));
        return Ok{};
    }

private:
    GuestMemory(uint8_t* base, uint64_t size) : base_(base), size_(size) {}
    Result<void> check_object(Gpa gpa, uint64_t size, uint64_t align) const;

    uint8_t* base_ = nullptr;
    uint64_t size_ = 0;
};

}  // namespace tenor
