/*
 * test_net_hostile.c: corrupts its own network ring the way a hostile guest
 * could, then kicks the monitor. The monitor must stop the guest with exit
 * status 1 and a message naming the corruption, never trusting the ring.
 * The guest finds its rings as the bindings do: the manifest at
 * TENOR_HVT_MANIFEST holds the TX ring's address in the entry's private
 * field, and the RX ring follows it. The command line picks the attack:
 *   tx-len0       publishes a TX frame of length 0
 *   tx-len70000   publishes a TX frame of 70000 bytes, larger than any slot
 *   tx-jump       moves the TX producer 1000 frames ahead of the consumer
 *   rx-jump       moves the RX consumer 1000 frames past the producer
 */

#include <tenor/hvt_abi.h>
#include <tenor/mft_abi.h>

#include "util.h"

#define NSEC_PER_SEC 1000000000ULL
/* How long the guest waits to be stopped before calling the test failed. */
#define STOP_WAIT_SECONDS 5

static struct tenor_hvt_net_ring *tx_ring;
static struct tenor_hvt_net_ring *rx_ring;

static void find_rings(void)
{
    const struct mft *mft = (const struct mft *)TENOR_HVT_MANIFEST;
    struct solo5_net_info info;
    solo5_handle_t handle;

    check(solo5_net_acquire("service", &handle, &info) == SOLO5_R_OK,
            "solo5_net_acquire(\"service\") failed");
    check(handle < mft->entries && mft->e[handle].type == MFT_DEV_NET_BASIC,
            "the handle is not a net entry of the manifest");
    uintptr_t tx = (uintptr_t)mft->e[handle].b.reserved;
    tx_ring = (struct tenor_hvt_net_ring *)tx;
    rx_ring = (struct tenor_hvt_net_ring *)(tx + tenor_hvt_net_ring_size(info.mtu));
    puts("TX ring at ");
    put_hex(tx);
    puts(", RX ring at ");
    put_hex((uintptr_t)rx_ring);
    puts("\n");
}

/* The monitor may be asleep: ring the doorbell (its value is ignored). */
static void kick(void)
{
    uint16_t port = TENOR_HVT_PIO_BASE + TENOR_HVT_HC_NET_KICK;

    __asm__ __volatile__("outl %0, %1" : : "a"(0), "Nd"(port) : "memory");
}

static void publish_tx(uint32_t len)
{
    uint32_t producer = __atomic_load_n(&tx_ring->producer, __ATOMIC_RELAXED);

    tx_ring->len[producer % TENOR_HVT_NET_RING_SLOTS] = len;
    __atomic_store_n(&tx_ring->producer, producer + 1, __ATOMIC_RELEASE);
}

static void attack(const char *name)
{
    /*
     * Announced first: the monitor's I/O thread may notice the corruption
     * and stop the guest before it could print another character.
     */
    puts("corrupting the ring (");
    puts(name);
    puts(") and kicking the monitor\n");
    if (strcmp(name, "tx-len0") == 0) {
        publish_tx(0);
    } else if (strcmp(name, "tx-len70000") == 0) {
        publish_tx(70000);
    } else if (strcmp(name, "tx-jump") == 0) {
        uint32_t producer = __atomic_load_n(&tx_ring->producer, __ATOMIC_RELAXED);
        __atomic_store_n(&tx_ring->producer, producer + 1000, __ATOMIC_RELEASE);
    } else if (strcmp(name, "rx-jump") == 0) {
        uint32_t producer = __atomic_load_n(&rx_ring->producer, __ATOMIC_ACQUIRE);
        __atomic_store_n(&rx_ring->consumer, producer + 1000, __ATOMIC_RELEASE);
    } else {
        fail("usage: tx-len0 | tx-len70000 | tx-jump | rx-jump");
    }
    kick();
}

/* Spins on the clock: a corrupted RX ring would make solo5_yield return at once anyway. */
static void wait_to_be_stopped(void)
{
    solo5_time_t end = solo5_clock_monotonic() + STOP_WAIT_SECONDS * NSEC_PER_SEC;

    while (solo5_clock_monotonic() < end)
        __asm__ __volatile__("pause");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    find_rings();
    attack(si->cmdline);
    wait_to_be_stopped();
    fail("the monitor did not stop the guest after the ring was corrupted");
}
