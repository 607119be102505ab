// tsc.h: a monotonic clock from the time-stamp counter, scaled by factors the monitor measured.
#ifndef TENOR_BINDINGS_X86_64_TSC_H
#define TENOR_BINDINGS_X86_64_TSC_H

#include <stdint.h>

namespace tenor::bindings::x86_64 {

// Records the counter's value now as time zero; nanoseconds are then
// (ticks * mult) >> shift. Returns false if the factors are unusable.
bool tsc_init(uint64_t mult, uint32_t shift);

// Nanoseconds since tsc_init(), without leaving the guest.
uint64_t tsc_monotonic_ns();

}  // namespace tenor::bindings::x86_64

#endif
