// net.h: the monitor side of tenor-hvt's network rings: an I/O thread that
// moves frames between the guest's shared-memory rings and the tap devices,
// so that the guest takes no VM exit per packet (docs/abi.md, "Network").
#pragma once

#include <pthread.h>
#include <linux/kvm.h>

#include <atomic>
#include <csignal>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/fd.h"
#include "common/guest_memory.h"
#include "common/result.h"
#include "tenor/hvt_abi.h"

namespace tenor::hvt {

// One attached NIC as the backend sees it.
struct NicConfig {
    uint32_t handle;
    std::string name;
    int tap_fd;         // owned by the caller, outlives the backend
    uint64_t mtu;
    Gpa tx_ring{0};     // the RX ring follows it
};

class NetBackend {
public:
    // Checks the rings lie in guest memory and initialises their headers.
    // vm_fd, if >= 0, gets an ioeventfd for the kick port.
    static Result<std::unique_ptr<NetBackend>> create(const GuestMemory& memory,
                                                      std::vector<NicConfig> nics, int vm_fd);
    ~NetBackend();

    // Starts the I/O thread; on a fatal error it interrupts vcpu_thread with
    // SIGUSR1 after setting run->immediate_exit.
    Result<void> start(pthread_t vcpu_thread, kvm_run* run);

    // YIELD: sleeps until a frame is pending on any NIC, timeout_ns passes,
    // or stop is set; returns the set of handles with pending frames.
    uint64_t wait(uint64_t timeout_ns, const volatile sig_atomic_t* stop);
    // The handles with frames pending in their RX rings.
    uint64_t pending() const;
    // NET_KICK served in user space (when no ioeventfd could be registered).
    void kick();

    // Set once the guest corrupted a ring; the message says how.
    bool failed() const { return failed_.load(); }
    std::string failure() const;

    // Frames the tap refused (its queue was full) and so were dropped.
    uint64_t tx_dropped() const { return tx_dropped_.load(); }

private:
    struct Nic {
        NicConfig config{};
        uint64_t slot_size = 0;
        tenor_hvt_net_ring* tx = nullptr;
        uint8_t* tx_slots = nullptr;
        tenor_hvt_net_ring* rx = nullptr;
        uint8_t* rx_slots = nullptr;
        uint32_t tx_consumer = 0;               // the monitor's own copy
        std::atomic<uint32_t> rx_producer{0};   // the monitor's own copy
        bool rx_blocked = false;                // RX ring full: tap not polled
    };

    NetBackend() = default;
    void serve();
    bool drain_tx(Nic& nic);
    bool fill_rx(Nic& nic);
    bool prepare_to_sleep();
    void clear_sleep_flags();
    void sleep_until_work();
    void fail_guest(std::string message);

    std::vector<std::unique_ptr<Nic>> nics_;
    UniqueFd kick_fd_;      // the guest's doorbell (ioeventfd)
    UniqueFd rx_event_fd_;  // wakes the vCPU thread sleeping in YIELD
    UniqueFd stop_fd_;      // stops the I/O thread
    std::atomic<bool> vcpu_waiting_{false};
    std::atomic<bool> failed_{false};
    std::atomic<bool> stopping_{false};
    std::atomic<uint64_t> tx_dropped_{0};
    mutable std::mutex failure_mutex_;
    std::string failure_;
    pthread_t vcpu_thread_{};
    kvm_run* run_ = nullptr;
    std::thread thread_;
};

}  // namespace tenor::hvt
