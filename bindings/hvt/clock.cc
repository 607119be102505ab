// clock.cc: solo5_clock_monotonic(), solo5_clock_wall() and solo5_yield() on hvt.
#include "common/bindings.h"
#include "hypercall.h"
#include "poll_window.h"
#include "x86_64/tsc.h"

using tenor::bindings::hvt::hypercall;

namespace {

constinit tenor::bindings::hvt::PollWindow g_poll;

// Spins on the RX rings until input is pending or the clock reaches until.
// A jump of the clock between two looks means the host ran something else
// on this CPU meanwhile: spinning then only takes time from whatever the
// guest waits for, so the spin ends and the window shrinks.
solo5_handle_set_t spin_for_input(solo5_time_t until) {
    solo5_time_t last = solo5_clock_monotonic();
    solo5_handle_set_t pending = tenor::bindings::platform_net_pending();
    while (pending == 0 && last < until) {
        __builtin_ia32_pause();
        pending = tenor::bindings::platform_net_pending();
        solo5_time_t now = solo5_clock_monotonic();
        if (now - last > tenor::bindings::hvt::PollWindow::kPreemptedNs) {
            g_poll.after_preemption();
            break;
        }
        last = now;
    }
    return pending;
}

// Sleeps in the monitor until input or the deadline; returns the ready set.
solo5_handle_set_t sleep_in_monitor(solo5_time_t deadline) {
    solo5_time_t start = solo5_clock_monotonic();
    // The monitor takes a relative timeout: it does not know the guest's TSC origin.
    struct tenor_hvt_hc_yield args = {deadline > start ? deadline - start : 0, 0};
    hypercall(TENOR_HVT_HC_YIELD, &args);
    g_poll.after_sleep(solo5_clock_monotonic() - start, args.ready_set != 0);
    return args.ready_set;
}

}  // namespace

// Read from the TSC without leaving the guest: applications call it often.
extern "C" solo5_time_t solo5_clock_monotonic(void) {
    return tenor::bindings::x86_64::tsc_monotonic_ns();
}

extern "C" solo5_time_t solo5_clock_wall(void) {
    struct tenor_hvt_hc_walltime args = {0};
    hypercall(TENOR_HVT_HC_WALLTIME, &args);
    return args.nsecs;
}

// Frames already in the rings, or arriving within the poll window, need no
// exit to be reported (poll_window.h).
extern "C" void solo5_yield(solo5_time_t deadline, solo5_handle_set_t *ready_set) {
    solo5_time_t now = solo5_clock_monotonic();
    solo5_time_t spin_until = now + g_poll.ns();
    solo5_handle_set_t ready = spin_for_input(spin_until < deadline ? spin_until : deadline);
    if (ready == 0)
        ready = sleep_in_monitor(deadline);
    if (ready_set != nullptr)
        *ready_set = ready;
}
