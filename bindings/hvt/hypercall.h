// hypercall.h: issuing a tenor hvt hypercall from the guest (include/tenor/hvt_abi.h).
#ifndef TENOR_BINDINGS_HVT_HYPERCALL_H
#define TENOR_BINDINGS_HVT_HYPERCALL_H

#include <stdint.h>

#include "tenor/hvt_abi.h"

namespace tenor::bindings::hvt {

// Writes the 32-bit address of args to the hypercall's port; the monitor
// reads and writes args during the exit, hence the memory clobber. args MUST
// be naturally aligned and below 4 GiB, as every guest address is.
template <typename Args>
[[gnu::always_inline]] inline void hypercall(enum tenor_hvt_hypercall number, Args *args) {
    static_assert(alignof(Args) == 8, "hypercall arguments are naturally aligned 64-bit structs");
    uint32_t address = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(args));
    uint16_t port = static_cast<uint16_t>(TENOR_HVT_PIO_BASE + number);
    asm volatile("outl %0, %1" : : "a"(address), "Nd"(port) : "memory");
}

}  // namespace tenor::bindings::hvt

#endif
