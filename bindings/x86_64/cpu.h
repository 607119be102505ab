// cpu.h: the few x86_64 instructions the bindings use, as inline functions.
#ifndef TENOR_BINDINGS_X86_64_CPU_H
#define TENOR_BINDINGS_X86_64_CPU_H

#include <stdint.h>

namespace tenor::bindings::x86_64 {

// The time-stamp counter (Intel SDM Vol. 2B, RDTSC); readable at CPL3
// unless CR4.TSD is set, which the monitors do not set.
[[gnu::always_inline]] inline uint64_t rdtsc() {
    uint32_t lo, hi;
    asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (static_cast<uint64_t>(hi) << 32) | lo;
}

// Sets the FS base directly; needs CR4.FSGSBASE (Intel SDM Vol. 2D, WRFSBASE).
[[gnu::always_inline]] inline void wrfsbase(uint64_t base) {
    asm volatile("wrfsbase %0" : : "r"(base) : "memory");
}

// Whether an address is canonical for 48-bit linear addresses
// (Intel SDM Vol. 1, 3.3.7.1): bits 63..47 all equal.
[[gnu::always_inline]] inline bool is_canonical(uint64_t address) {
    uint64_t top = address >> 47;
    return top == 0 || top == 0x1ffff;
}

}  // namespace tenor::bindings::x86_64

#endif
