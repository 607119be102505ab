// host.h: what tenor-spt learns about the host kernel and its own process before building a guest.
#pragma once

#include <cstdint>

namespace tenor::spt {

struct HostFeatures {
    // User space may use wrfsbase (AT_HWCAP2 has HWCAP2_FSGSBASE, Linux 5.9+),
    // unless the environment has TENOR_SPT_NO_FSGSBASE=1.
    bool fsgsbase = false;
    // The vDSO's clock_gettime, or 0.
    uint64_t vdso_clock_gettime = 0;
    // The monitor's own FS base (its TLS), for the signal handlers.
    uint64_t monitor_fs_base = 0;
};

HostFeatures detect_host();

}  // namespace tenor::spt
