// poll_window.h: how long solo5_yield() spins on the network rings before it sleeps in the monitor, adapted to how soon input came before.
#ifndef TENOR_BINDINGS_HVT_POLL_WINDOW_H
#define TENOR_BINDINGS_HVT_POLL_WINDOW_H

#include <stdint.h>

namespace tenor::bindings::hvt {

// Sleeping in the monitor costs a VM exit and a wake-up: a few microseconds
// on bare metal, over a hundred on nested hosts. Spinning a little first
// keeps a guest that answers requests in the guest. The window follows KVM's
// halt polling (Documentation/virt/kvm/halt-polling.rst): it grows while
// sleeps end with input sooner than the largest window would have waited,
// and shrinks while they time out or last long, so that an idle guest stops
// spinning. A sleep lasts at least the cost of the exit, whatever the wait
// for input: the shortest sleep seen that ended with input estimates that
// cost, and it is taken off before a sleep is judged.
class PollWindow {
public:
    static constexpr uint64_t kStartNs = 10000;
    static constexpr uint64_t kMaxNs = 200000;
    // A gap this long between two looks at the rings means the vCPU was
    // descheduled: a loop iteration takes well under a microsecond.
    static constexpr uint64_t kPreemptedNs = 50000;

    constexpr PollWindow() = default;

    // How long to spin before the next sleep; 0 for not at all.
    uint64_t ns() const { return ns_; }

    // Records a sleep in the monitor that lasted slept_ns and ended with
    // input pending (or not: the deadline passed).
    void after_sleep(uint64_t slept_ns, bool input) {
        if (input && slept_ns < exit_ns_)
            exit_ns_ = slept_ns;
        if (input && slept_ns - exit_ns_ <= kMaxNs)
            ns_ = ns_ < kStartNs ? kStartNs : (ns_ * 2 > kMaxNs ? kMaxNs : ns_ * 2);
        else
            ns_ = ns_ / 2 < kStartNs ? 0 : ns_ / 2;
    }

    // Records that the host descheduled the spinning vCPU: other work wants
    // this CPU, and spinning would keep it from what the guest waits for.
    void after_preemption() { ns_ = 0; }

    // The estimated cost of a sleep that finds input at once.
    uint64_t exit_ns() const { return exit_ns_; }

private:
    uint64_t ns_ = 0;
    uint64_t exit_ns_ = UINT64_MAX;
};

}  // namespace tenor::bindings::hvt

#endif
