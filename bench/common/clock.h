// clock.h: the clock every host-side benchmark program reads, so that their figures compare.
#pragma once

#include <time.h>

#include <cstdint>

namespace tenor::bench {

// CLOCK_MONOTONIC in nanoseconds: immune to wall-clock steps, and read
// through the vDSO, so that reading it costs far less than what is measured.
inline uint64_t now_ns() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<uint64_t>(ts.tv_sec) * 1000000000ULL + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace tenor::bench
