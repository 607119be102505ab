// tsc.cc: a monotonic clock from the time-stamp counter, scaled by factors the monitor measured.
#include "tsc.h"

#include "cpu.h"

namespace tenor::bindings::x86_64 {
namespace {

constinit uint64_t g_tsc_at_boot = 0;
constinit uint64_t g_mult = 0;
constinit uint32_t g_shift = 0;

}  // namespace

bool tsc_init(uint64_t mult, uint32_t shift) {
    // The product is 128 bits wide, so a shift of 128 or more is meaningless.
    if (mult == 0 || shift >= 128)
        return false;
    g_mult = mult;
    g_shift = shift;
    g_tsc_at_boot = rdtsc();
    return true;
}

uint64_t tsc_monotonic_ns() {
    uint64_t ticks = rdtsc() - g_tsc_at_boot;
    return static_cast<uint64_t>((static_cast<unsigned __int128>(ticks) * g_mult) >> g_shift);
}

}  // namespace tenor::bindings::x86_64
