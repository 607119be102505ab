// clock.cc: solo5_clock_monotonic(), solo5_clock_wall() and solo5_yield() on hvt.
#include "common/bindings.h"
#include "hypercall.h"
#include "x86_64/tsc.h"

using tenor::bindings::hvt::hypercall;

// Read from the TSC without leaving the guest: applications call it often.
extern "C" solo5_time_t solo5_clock_monotonic(void) {
    return tenor::bindings::x86_64::tsc_monotonic_ns();
}

extern "C" solo5_time_t solo5_clock_wall(void) {
    struct tenor_hvt_hc_walltime args = {0};
    hypercall(TENOR_HVT_HC_WALLTIME, &args);
    return args.nsecs;
}

// The monitor takes a relative timeout: it does not know the guest's TSC origin.
extern "C" void solo5_yield(solo5_time_t deadline, solo5_handle_set_t *ready_set) {
    // Frames already in the rings need no exit to be reported.
    solo5_handle_set_t pending = tenor::bindings::platform_net_pending();
    if (pending != 0) {
        if (ready_set != nullptr)
            *ready_set = pending;
        return;
    }
    solo5_time_t now = solo5_clock_monotonic();
    struct tenor_hvt_hc_yield args = {deadline > now ? deadline - now : 0, 0};
    hypercall(TENOR_HVT_HC_YIELD, &args);
    if (ready_set != nullptr)
        *ready_set = args.ready_set;
}
