// net.cc: the I/O thread moving frames between rings and taps.
#include "net.h"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>

#include "common/format.h"

namespace tenor::hvt {

namespace {

constexpr uint32_t kSlots = TENOR_HVT_NET_RING_SLOTS;
// After frames last moved, the thread keeps polling this long before it
// sleeps: a guest answering what it was just given transmits within
// microseconds, and a sleeping consumer would cost it a VM exit (the kick)
// and this thread a wake-up per burst, each tens of microseconds on nested
// hosts (bench/README.md, "bench/net").
constexpr uint64_t kPollNs = 100000;
// A gap this long between two polling passes means the thread was
// descheduled: other work wants the CPU, so it stops polling and sleeps.
constexpr uint64_t kPreemptedNs = 50000;

uint64_t monotonic_ns() {
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<uint64_t>(now.tv_sec) * 1000000000ULL + static_cast<uint64_t>(now.tv_nsec);
}

uint32_t load(uint32_t& field, std::memory_order order = std::memory_order_acquire) {
    return std::atomic_ref<uint32_t>(field).load(order);
}

void store(uint32_t& field, uint32_t value, std::memory_order order = std::memory_order_release) {
    std::atomic_ref<uint32_t>(field).store(value, order);
}

void signal_eventfd(int fd) {
    uint64_t one = 1;
    ssize_t ignored = write(fd, &one, sizeof one);
    (void)ignored;
}

void drain_eventfd(int fd) {
    uint64_t value;
    ssize_t ignored = read(fd, &value, sizeof value);
    (void)ignored;
}

Result<UniqueFd> make_eventfd() {
    UniqueFd fd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    if (!fd.valid())
        return fail("cannot create an eventfd for the network: ", errno_text());
    return fd;
}

}  // namespace

Result<std::unique_ptr<NetBackend>> NetBackend::create(const GuestMemory& memory,
                                                       std::vector<NicConfig> nics, int vm_fd) {
    std::unique_ptr<NetBackend> backend(new NetBackend());
    for (NicConfig& config : nics) {
        uint64_t ring_size = tenor_hvt_net_ring_size(config.mtu);
        auto rings = TRY(memory.bytes(config.tx_ring, 2 * ring_size));
        std::memset(rings.data(), 0, TENOR_HVT_NET_RING_HEADER);
        std::memset(rings.data() + ring_size, 0, TENOR_HVT_NET_RING_HEADER);
        auto nic = std::make_unique<Nic>();
        nic->slot_size = tenor_hvt_net_slot_size(config.mtu);
        nic->tx = reinterpret_cast<tenor_hvt_net_ring*>(rings.data());
        nic->tx_slots = rings.data() + TENOR_HVT_NET_RING_HEADER;
        nic->rx = reinterpret_cast<tenor_hvt_net_ring*>(rings.data() + ring_size);
        nic->rx_slots = rings.data() + ring_size + TENOR_HVT_NET_RING_HEADER;
        nic->config = std::move(config);
        backend->nics_.push_back(std::move(nic));
    }
    backend->kick_fd_ = TRY(make_eventfd());
    backend->rx_event_fd_ = TRY(make_eventfd());
    backend->stop_fd_ = TRY(make_eventfd());
    if (vm_fd >= 0) {
        // The kick then never leaves the kernel (KVM API, KVM_IOEVENTFD).
        kvm_ioeventfd kick{};
        kick.addr = TENOR_HVT_PIO_BASE + TENOR_HVT_HC_NET_KICK;
        kick.len = 4;
        kick.fd = backend->kick_fd_.get();
        kick.flags = KVM_IOEVENTFD_FLAG_PIO;
        if (ioctl(vm_fd, KVM_IOEVENTFD, &kick) < 0)
            fprintf(stderr, "tenor-hvt: warning: no ioeventfd for the network kick (%s): "
                            "kicks will exit to the monitor\n", errno_text().c_str());
    }
    return backend;
}

NetBackend::~NetBackend() {
    if (!thread_.joinable())
        return;
    stopping_.store(true);
    signal_eventfd(stop_fd_.get());
    thread_.join();
    // Frames the guest queued right before it exited must still go out, as
    // they would had each write been a hypercall; the vCPU has stopped, so
    // this last pass races with nothing.
    if (!failed()) {
        for (auto& nic : nics_)
            drain_tx(*nic);
    }
}

Result<void> NetBackend::start(pthread_t vcpu_thread, kvm_run* run) {
    vcpu_thread_ = vcpu_thread;
    run_ = run;
    // The I/O thread must not take SIGINT/SIGTERM: they are the vCPU thread's.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &previous);
    thread_ = std::thread([this] { serve(); });
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return Ok{};
}

uint64_t NetBackend::pending() const {
    uint64_t set = 0;
    for (const auto& nic : nics_) {
        if (nic->rx_producer.load(std::memory_order_acquire) != load(nic->rx->consumer))
            set |= 1ULL << nic->config.handle;
    }
    return set;
}

uint64_t NetBackend::wait(uint64_t timeout_ns, const volatile sig_atomic_t* stop) {
    vcpu_waiting_.store(true, std::memory_order_seq_cst);
    if (pending() == 0 && !*stop && !failed()) {
        constexpr uint64_t kNs = 1000000000ULL;
        timespec timeout{static_cast<time_t>(timeout_ns / kNs), static_cast<long>(timeout_ns % kNs)};
        pollfd fd{rx_event_fd_.get(), POLLIN, 0};
        ppoll(&fd, 1, &timeout, nullptr);
    }
    vcpu_waiting_.store(false, std::memory_order_relaxed);
    drain_eventfd(rx_event_fd_.get());
    return pending();
}

void NetBackend::kick() { signal_eventfd(kick_fd_.get()); }

std::string NetBackend::failure() const {
    std::lock_guard lock(failure_mutex_);
    return failure_;
}

void NetBackend::fail_guest(std::string message) {
    {
        std::lock_guard lock(failure_mutex_);
        failure_ = std::move(message);
    }
    // Set before failed_, so that whoever sees failed() also sees it; the
    // signal below sets it again for a vCPU thread that cleared it meanwhile.
    run_->immediate_exit = 1;
    failed_.store(true);
    // Wake the vCPU thread wherever it is: in YIELD, or running the guest.
    signal_eventfd(rx_event_fd_.get());
    pthread_kill(vcpu_thread_, SIGUSR1);
}

bool NetBackend::drain_tx(Nic& nic) {
    uint32_t producer = load(nic.tx->producer);
    uint32_t consumer = nic.tx_consumer;
    if (producer - consumer > kSlots) {
        fail_guest("net device '" + nic.config.name + "': corrupt TX ring: producer " +
                   std::to_string(producer) + " is more than " + std::to_string(kSlots) +
                   " frames ahead of consumer " + std::to_string(consumer));
        return false;
    }
    if (producer == consumer)
        return false;
    uint64_t max_frame = nic.config.mtu + 14;
    for (; consumer != producer; consumer++) {
        uint32_t slot = consumer % kSlots;
        uint32_t len = load(nic.tx->len[slot], std::memory_order_relaxed);
        if (len == 0 || len > max_frame) {
            fail_guest("net device '" + nic.config.name + "': corrupt TX ring entry " +
                       std::to_string(consumer) + ": length " + std::to_string(len) +
                       " is outside 1.." + std::to_string(max_frame));
            return false;
        }
        ssize_t n = write(nic.config.tap_fd, nic.tx_slots + slot * nic.slot_size, len);
        if (n < 0 && errno != EAGAIN && errno != EINTR && errno != ENOBUFS)
            fprintf(stderr, "tenor-hvt: net device '%s': tap write failed: %s\n",
                    nic.config.name.c_str(), errno_text().c_str());
        if (n < 0)
            tx_dropped_.fetch_add(1, std::memory_order_relaxed);
    }
    nic.tx_consumer = consumer;
    store(nic.tx->consumer, consumer);
    return true;
}

bool NetBackend::fill_rx(Nic& nic) {
    uint32_t producer = nic.rx_producer.load(std::memory_order_relaxed);
    uint32_t consumer = load(nic.rx->consumer);
    if (producer - consumer > kSlots) {
        fail_guest("net device '" + nic.config.name + "': corrupt RX ring: consumer " +
                   std::to_string(consumer) + " is past producer " + std::to_string(producer));
        return false;
    }
    bool progress = false;
    while (producer - consumer < kSlots) {
        uint32_t slot = producer % kSlots;
        ssize_t n = read(nic.config.tap_fd, nic.rx_slots + slot * nic.slot_size, nic.slot_size);
        if (n <= 0)
            break;
        store(nic.rx->len[slot], static_cast<uint32_t>(n), std::memory_order_relaxed);
        producer++;
        store(nic.rx->producer, producer);
        nic.rx_producer.store(producer, std::memory_order_release);
        progress = true;
    }
    nic.rx_blocked = producer - consumer >= kSlots;
    if (progress && vcpu_waiting_.load(std::memory_order_seq_cst))
        signal_eventfd(rx_event_fd_.get());
    return progress;
}

// Announces that the thread will sleep, then re-checks for work that raced
// with the announcement. Returns true if it is safe to sleep.
bool NetBackend::prepare_to_sleep() {
    for (auto& nic : nics_) {
        store(nic->tx->consumer_sleeping, 1, std::memory_order_seq_cst);
        if (nic->rx_blocked)
            store(nic->rx->producer_waiting, 1, std::memory_order_seq_cst);
    }
    std::atomic_thread_fence(std::memory_order_seq_cst);
    bool work = stopping_.load();
    for (auto& nic : nics_) {
        work = work || load(nic->tx->producer) != nic->tx_consumer;
        uint32_t in_flight = nic->rx_producer.load(std::memory_order_relaxed) - load(nic->rx->consumer);
        work = work || (nic->rx_blocked && in_flight < kSlots);
    }
    if (work)
        clear_sleep_flags();
    return !work;
}

void NetBackend::clear_sleep_flags() {
    for (auto& nic : nics_) {
        store(nic->tx->consumer_sleeping, 0, std::memory_order_relaxed);
        store(nic->rx->producer_waiting, 0, std::memory_order_relaxed);
    }
}

void NetBackend::sleep_until_work() {
    std::vector<pollfd> fds;
    fds.push_back({kick_fd_.get(), POLLIN, 0});
    fds.push_back({stop_fd_.get(), POLLIN, 0});
    for (auto& nic : nics_) {
        if (!nic->rx_blocked)
            fds.push_back({nic->config.tap_fd, POLLIN, 0});
    }
    poll(fds.data(), fds.size(), -1);
    drain_eventfd(kick_fd_.get());
    clear_sleep_flags();
}

void NetBackend::serve() {
    uint64_t last_progress = 0;
    uint64_t last_pass = 0;
    while (!stopping_.load(std::memory_order_relaxed)) {
        bool progress = false;
        for (auto& nic : nics_) {
            progress = drain_tx(*nic) || progress;
            progress = fill_rx(*nic) || progress;
        }
        if (failed())
            return;
        uint64_t now = monotonic_ns();
        uint64_t gap = now - last_pass;
        last_pass = now;
        if (progress) {
            last_progress = now;
            continue;
        }
        if (now - last_progress < kPollNs && gap < kPreemptedNs) {
            __builtin_ia32_pause();
            continue;
        }
        if (prepare_to_sleep())
            sleep_until_work();
    }
}

}  // namespace tenor::hvt
