// clock.cc: solo5_clock_monotonic(), solo5_clock_wall() and solo5_yield() on spt.
#include "common/bindings.h"
#include "net.h"
#include "spt.h"
#include "syscall.h"

using namespace tenor::bindings::spt;

namespace {

constexpr uint64_t kNsPerSecond = 1000000000ULL;

// int clock_gettime(clockid_t, struct timespec *), clockid_t being an int.
using VdsoClockGettime = int (*)(int clock, struct KernelTimespec *ts);

// The vDSO reads the host's clock without entering the kernel where the
// clock source allows it, and makes the (allowed) system call where not.
solo5_time_t clock_ns(int clock) {
    struct KernelTimespec ts = {0, 0};
    uint64_t vdso = vdso_clock_gettime();
    if (vdso != 0)
        reinterpret_cast<VdsoClockGettime>(vdso)(clock, &ts);
    else
        syscall4(TENOR_SPT_SYS_CLOCK_GETTIME, static_cast<uint64_t>(clock), reinterpret_cast<uintptr_t>(&ts));
    return static_cast<uint64_t>(ts.tv_sec) * kNsPerSecond + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace

extern "C" solo5_time_t solo5_clock_monotonic(void) {
    return clock_ns(TENOR_SPT_CLOCK_MONOTONIC);
}

extern "C" solo5_time_t solo5_clock_wall(void) {
    return clock_ns(TENOR_SPT_CLOCK_REALTIME);
}

extern "C" void solo5_yield(solo5_time_t deadline, solo5_handle_set_t *ready_set) {
    solo5_time_t now = solo5_clock_monotonic();
    solo5_handle_set_t ready = poll_nics(deadline > now ? deadline - now : 0);
    if (ready_set != nullptr)
        *ready_set = ready;
}
