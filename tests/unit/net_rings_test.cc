// net_rings_test.cc: tenor-hvt's network I/O thread against a guest played by the test: frames through the rings both ways, the sleep/kick protocol, hostile rings and the flush at exit.
//
// A SOCK_SEQPACKET socket pair stands in for the tap: like a tap it keeps
// frame boundaries, and the test reads and writes the other end. The socket
// holds fewer frames than a tap's queue (about 270 small ones with the
// default buffer size), so the tests never queue more than 200 at once.
#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <vector>

#include "hvt/net.h"

namespace tenor::hvt {
namespace {

constexpr uint64_t kMtu = 1500;
constexpr uint64_t kMaxFrame = kMtu + 14;
constexpr uint32_t kSlots = TENOR_HVT_NET_RING_SLOTS;
constexpr uint64_t kRingAddress = 0x10000;
constexpr uint64_t kSecond = 1000000000ULL;

uint32_t load(uint32_t& field) { return std::atomic_ref<uint32_t>(field).load(std::memory_order_acquire); }
void store(uint32_t& field, uint32_t value) {
    std::atomic_ref<uint32_t>(field).store(value, std::memory_order_release);
}

// fail_guest() interrupts the vCPU thread, here the test's, with SIGUSR1.
void ignore_wake_signal() {
    struct sigaction action{};
    action.sa_handler = [](int) {};
    sigaction(SIGUSR1, &action, nullptr);
}

// A frame whose bytes depend on its number, so that mix-ups show.
std::vector<uint8_t> frame(uint32_t number, size_t len) {
    std::vector<uint8_t> bytes(len);
    for (size_t i = 0; i < len; i++)
        bytes[i] = static_cast<uint8_t>(number * 31 + i);
    return bytes;
}

// The guest's side of one NIC's rings, as the bindings drive them.
class GuestRings : public ::testing::Test {
protected:
    void SetUp() override {
        ignore_wake_signal();
        auto memory = GuestMemory::create(16 << 20);
        ASSERT_TRUE(memory) << memory.error().message;
        memory_.emplace(std::move(*memory));
        ASSERT_EQ(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds_), 0);
        auto backend = NetBackend::create(*memory_, {{1, "service", fds_[0], kMtu, Gpa(kRingAddress)}}, -1);
        ASSERT_TRUE(backend) << backend.error().message;
        backend_ = std::move(*backend);
        uint8_t* base = memory_->host_base() + kRingAddress;
        uint64_t ring_size = tenor_hvt_net_ring_size(kMtu);
        tx_ = reinterpret_cast<tenor_hvt_net_ring*>(base);
        tx_slots_ = base + TENOR_HVT_NET_RING_HEADER;
        rx_ = reinterpret_cast<tenor_hvt_net_ring*>(base + ring_size);
        rx_slots_ = base + ring_size + TENOR_HVT_NET_RING_HEADER;
        ASSERT_TRUE(backend_->start(pthread_self(), &run_));
    }

    void TearDown() override {
        backend_.reset();
        close(fds_[0]);
        close(fds_[1]);
    }

    // solo5_net_write(): waits while the ring is full, kicks a sleeping monitor.
    void send(const std::vector<uint8_t>& bytes) {
        uint32_t producer = tx_->producer;
        while (producer - load(tx_->consumer) >= kSlots)
            backend_->kick();
        uint32_t slot = producer % kSlots;
        std::memcpy(tx_slots_ + slot * slot_size_, bytes.data(), bytes.size());
        tx_->len[slot] = static_cast<uint32_t>(bytes.size());
        store(tx_->producer, producer + 1);
        std::atomic_thread_fence(std::memory_order_seq_cst);
        if (load(tx_->consumer_sleeping))
            backend_->kick();
    }

    // solo5_yield() then solo5_net_read(): false if nothing came within a second.
    bool receive(std::vector<uint8_t>* bytes) {
        uint32_t consumer = rx_->consumer;
        if (load(rx_->producer) == consumer && backend_->wait(kSecond, &stop_) == 0)
            return false;
        uint32_t slot = consumer % kSlots;
        bytes->assign(rx_slots_ + slot * slot_size_, rx_slots_ + slot * slot_size_ + rx_->len[slot]);
        store(rx_->consumer, consumer + 1);
        std::atomic_thread_fence(std::memory_order_seq_cst);
        if (load(rx_->producer_waiting))
            backend_->kick();
        return true;
    }

    // What the monitor wrote to the tap: false if nothing came within a second.
    bool read_tap(std::vector<uint8_t>* bytes) {
        pollfd fd{fds_[1], POLLIN, 0};
        if (poll(&fd, 1, 1000) != 1)
            return false;
        bytes->resize(65536);
        ssize_t n = recv(fds_[1], bytes->data(), bytes->size(), 0);
        bytes->resize(n < 0 ? 0 : static_cast<size_t>(n));
        return n > 0;
    }

    bool write_tap(const std::vector<uint8_t>& bytes) {
        return ::send(fds_[1], bytes.data(), bytes.size(), MSG_DONTWAIT) ==
               static_cast<ssize_t>(bytes.size());
    }

    // Waits up to a second for the backend to give up on the guest.
    bool wait_for_failure() {
        for (int i = 0; i < 1000 && !backend_->failed(); i++)
            usleep(1000);
        return backend_->failed();
    }

    std::optional<GuestMemory> memory_;
    std::unique_ptr<NetBackend> backend_;
    int fds_[2] = {-1, -1};
    kvm_run run_{};
    volatile sig_atomic_t stop_ = 0;
    tenor_hvt_net_ring* tx_ = nullptr;
    uint8_t* tx_slots_ = nullptr;
    tenor_hvt_net_ring* rx_ = nullptr;
    uint8_t* rx_slots_ = nullptr;
    uint64_t slot_size_ = tenor_hvt_net_slot_size(kMtu);
};

// 600 frames in bursts of 40: the indices wrap around the ring twice.
TEST_F(GuestRings, TransmitsFramesInOrderAndIntact) {
    std::vector<size_t> lengths = {60, kMaxFrame, 1, 1000};
    for (uint32_t burst = 0; burst < 600; burst += 40) {
        for (uint32_t i = burst; i < burst + 40; i++)
            send(frame(i, lengths[i % lengths.size()]));
        for (uint32_t i = burst; i < burst + 40; i++) {
            std::vector<uint8_t> got;
            ASSERT_TRUE(read_tap(&got)) << "frame " << i << " never reached the tap";
            EXPECT_EQ(got, frame(i, lengths[i % lengths.size()])) << "frame " << i;
        }
    }
    EXPECT_EQ(backend_->tx_dropped(), 0u);
}

TEST_F(GuestRings, ReceivesFramesInOrderAndIntact) {
    for (uint32_t i = 0; i < 100; i++)
        ASSERT_TRUE(write_tap(frame(i, 60 + i)));
    for (uint32_t i = 0; i < 100; i++) {
        std::vector<uint8_t> got;
        ASSERT_TRUE(receive(&got)) << "frame " << i << " never reached the RX ring";
        EXPECT_EQ(got, frame(i, 60 + i)) << "frame " << i;
    }
}

// More frames than slots: the monitor stops reading the tap, asks for a kick,
// and resumes once the guest has made room; nothing is lost.
TEST_F(GuestRings, ResumesReceivingAfterTheRingWasFull) {
    constexpr uint32_t kFrames = kSlots + 44;
    constexpr uint32_t kFirstWave = 200;
    for (uint32_t i = 0; i < kFirstWave; i++)
        ASSERT_TRUE(write_tap(frame(i, 60))) << "the socket took only " << i << " frames";
    for (int i = 0; i < 1000 && load(rx_->producer) != kFirstWave; i++)
        usleep(1000);
    ASSERT_EQ(load(rx_->producer), kFirstWave);
    for (uint32_t i = kFirstWave; i < kFrames; i++)
        ASSERT_TRUE(write_tap(frame(i, 60))) << "the socket took only " << i << " frames";
    for (int i = 0; i < 1000 && load(rx_->producer) != kSlots; i++)
        usleep(1000);
    ASSERT_EQ(load(rx_->producer), kSlots) << "the monitor did not fill the RX ring";
    for (int i = 0; i < 1000 && !load(rx_->producer_waiting); i++)
        usleep(1000);
    EXPECT_EQ(load(rx_->producer_waiting), 1u) << "a full RX ring must ask the guest for a kick";
    for (uint32_t i = 0; i < kFrames; i++) {
        std::vector<uint8_t> got;
        ASSERT_TRUE(receive(&got)) << "frame " << i << " never reached the RX ring";
        EXPECT_EQ(got, frame(i, 60)) << "frame " << i;
    }
}

// An idle monitor says it sleeps; a frame sent then is noticed through the kick.
TEST_F(GuestRings, SleepingMonitorWakesOnKick) {
    for (int i = 0; i < 1000 && !load(tx_->consumer_sleeping); i++)
        usleep(1000);
    ASSERT_EQ(load(tx_->consumer_sleeping), 1u) << "an idle monitor must announce that it sleeps";
    send(frame(7, 100));
    std::vector<uint8_t> got;
    ASSERT_TRUE(read_tap(&got));
    EXPECT_EQ(got, frame(7, 100));
}

TEST_F(GuestRings, WaitTimesOutWithNothingPending) {
    EXPECT_EQ(backend_->wait(10000000, &stop_), 0u);
    ASSERT_TRUE(write_tap(frame(1, 60)));
    EXPECT_EQ(backend_->wait(kSecond, &stop_), 1ULL << 1);
    EXPECT_EQ(backend_->pending(), 1ULL << 1);
}

// Frames queued just before the guest exits still reach the tap.
TEST_F(GuestRings, FlushesTransmitRingWhenStopped) {
    for (uint32_t i = 0; i < 150; i++)
        send(frame(i, 60));
    backend_.reset();
    for (uint32_t i = 0; i < 150; i++) {
        std::vector<uint8_t> got;
        ASSERT_TRUE(read_tap(&got)) << "frame " << i << " was lost at exit";
        EXPECT_EQ(got, frame(i, 60));
    }
}

TEST_F(GuestRings, RefusesEmptyTransmitFrame) {
    tx_->len[0] = 0;
    store(tx_->producer, 1);
    backend_->kick();
    ASSERT_TRUE(wait_for_failure());
    EXPECT_EQ(backend_->failure(),
              "net device 'service': corrupt TX ring entry 0: length 0 is outside 1..1514");
    EXPECT_EQ(run_.immediate_exit, 1);
}

TEST_F(GuestRings, RefusesTransmitFrameLargerThanTheMtu) {
    send(frame(0, 60));
    tx_->len[1] = kMaxFrame + 1;
    store(tx_->producer, 2);
    backend_->kick();
    ASSERT_TRUE(wait_for_failure());
    EXPECT_EQ(backend_->failure(),
              "net device 'service': corrupt TX ring entry 1: length 1515 is outside 1..1514");
}

TEST_F(GuestRings, RefusesTransmitProducerTooFarAhead) {
    store(tx_->producer, kSlots + 1);
    backend_->kick();
    ASSERT_TRUE(wait_for_failure());
    EXPECT_EQ(backend_->failure(), "net device 'service': corrupt TX ring: producer 257 is more than "
                                   "256 frames ahead of consumer 0");
}

TEST_F(GuestRings, RefusesReceiveConsumerPastProducer) {
    store(rx_->consumer, 1000);
    backend_->kick();
    ASSERT_TRUE(wait_for_failure());
    EXPECT_EQ(backend_->failure(), "net device 'service': corrupt RX ring: consumer 1000 is past producer 0");
}

TEST(NetBackend, RefusesRingsOutsideGuestMemory) {
    auto memory = GuestMemory::create(1 << 20);
    ASSERT_TRUE(memory);
    auto backend = NetBackend::create(*memory, {{1, "service", -1, kMtu, Gpa(0xf0000)}}, -1);
    EXPECT_FALSE(backend);
}

}  // namespace
}  // namespace tenor::hvt
