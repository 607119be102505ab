// net.cc: hvt network I/O through the shared-memory rings of hvt_abi.h: no
// VM exit per frame, a kick only when the monitor said it is asleep.
#include "common/bindings.h"
#include "hvt.h"
#include "hypercall.h"

namespace tenor::bindings {
namespace {

constexpr uint32_t kSlots = TENOR_HVT_NET_RING_SLOTS;

struct Rings {
    struct tenor_hvt_net_ring *tx;
    uint8_t *tx_slots;
    struct tenor_hvt_net_ring *rx;
    uint8_t *rx_slots;
    uint64_t slot_size;
};

// The monitor stores the TX ring's address in the entry's private field.
Rings rings_of(const struct mft_entry &entry) {
    uint64_t mtu = entry.u.net_basic.mtu;
    uintptr_t tx = static_cast<uintptr_t>(entry.b.reserved);
    uintptr_t rx = tx + tenor_hvt_net_ring_size(mtu);
    return {reinterpret_cast<struct tenor_hvt_net_ring *>(tx),
            reinterpret_cast<uint8_t *>(tx + TENOR_HVT_NET_RING_HEADER),
            reinterpret_cast<struct tenor_hvt_net_ring *>(rx),
            reinterpret_cast<uint8_t *>(rx + TENOR_HVT_NET_RING_HEADER),
            tenor_hvt_net_slot_size(mtu)};
}

uint32_t load_acquire(const uint32_t *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
void store_release(uint32_t *p, uint32_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }

// Wakes the monitor's I/O thread; the value is ignored.
void kick() {
    uint16_t port = TENOR_HVT_PIO_BASE + TENOR_HVT_HC_NET_KICK;
    asm volatile("outl %0, %1" : : "a"(0), "Nd"(port) : "memory");
}

// After publishing, kick if the other side announced it sleeps. The full
// barrier orders the publishing store before the flag's load (the monitor
// does the mirror image), so a wake-up cannot be lost.
void kick_if(const uint32_t *flag) {
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (__atomic_load_n(flag, __ATOMIC_RELAXED))
        kick();
}

bool rx_pending(const struct mft_entry &entry) {
    Rings r = rings_of(entry);
    return load_acquire(&r.rx->producer) != r.rx->consumer;
}

}  // namespace

solo5_result_t platform_net_write(solo5_handle_t handle, const uint8_t *buf, size_t size) {
    Rings r = rings_of(acquired_device(handle, MFT_DEV_NET_BASIC, "solo5_net_write"));
    uint32_t producer = r.tx->producer;
    // A full ring drains as fast as the tap takes frames: wake the monitor once, then wait.
    if (producer - load_acquire(&r.tx->consumer) >= kSlots) {
        kick();
        while (producer - load_acquire(&r.tx->consumer) >= kSlots)
            __builtin_ia32_pause();
    }
    uint32_t slot = producer % kSlots;
    memcpy(r.tx_slots + slot * r.slot_size, buf, size);
    r.tx->len[slot] = static_cast<uint32_t>(size);
    store_release(&r.tx->producer, producer + 1);
    kick_if(&r.tx->consumer_sleeping);
    return SOLO5_R_OK;
}

solo5_result_t platform_net_read(solo5_handle_t handle, uint8_t *buf, size_t size,
        size_t *read_size) {
    Rings r = rings_of(acquired_device(handle, MFT_DEV_NET_BASIC, "solo5_net_read"));
    uint32_t consumer = r.rx->consumer;
    if (load_acquire(&r.rx->producer) == consumer) {
        *read_size = 0;
        return SOLO5_R_AGAIN;
    }
    uint32_t slot = consumer % kSlots;
    size_t len = r.rx->len[slot];
    // Only a tap whose MTU grew after start-up delivers more than mtu + 14 bytes.
    if (len > size)
        len = size;
    memcpy(buf, r.rx_slots + slot * r.slot_size, len);
    store_release(&r.rx->consumer, consumer + 1);
    kick_if(&r.rx->producer_waiting);
    *read_size = len;
    return SOLO5_R_OK;
}

solo5_handle_set_t platform_net_pending() {
    solo5_handle_set_t ready = 0;
    uint64_t handles = acquired_handles();
    for (solo5_handle_t h = 1; h < MFT_MAX_ENTRIES; h++) {
        if (!(handles & (1ULL << h)))
            continue;
        const struct mft_entry *entry = device_if_acquired(h, MFT_DEV_NET_BASIC);
        if (entry != nullptr && rx_pending(*entry))
            ready |= 1ULL << h;
    }
    return ready;
}

}  // namespace tenor::bindings
