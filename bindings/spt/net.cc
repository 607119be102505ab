// net.cc: spt network I/O: one read or write on the NIC's non-blocking tap descriptor per frame,
// and the poll that solo5_yield() sleeps in.
#include "common/bindings.h"
#include "net.h"
#include "syscall.h"

using namespace tenor::bindings::spt;

namespace tenor::bindings {

namespace {

uint64_t tap_fd(const struct mft_entry &entry) {
    return static_cast<uint64_t>(entry.b.hostfd);
}

}  // namespace

solo5_result_t platform_net_write(solo5_handle_t handle, const uint8_t *buf, size_t size) {
    const struct mft_entry &entry = acquired_device(handle, MFT_DEV_NET_BASIC, "solo5_net_write");
    long n;
    do {
        n = syscall4(TENOR_SPT_SYS_WRITE, tap_fd(entry), reinterpret_cast<uintptr_t>(buf), size);
    } while (n == -kEintr);
    // A full tap queue drops the frame, as a busy wire would (and as hvt's
    // monitor does): Ethernet promises no delivery.
    if (n == static_cast<long>(size) || n == -kEagain)
        return SOLO5_R_OK;
    return SOLO5_R_EUNSPEC;
}

solo5_result_t platform_net_read(solo5_handle_t handle, uint8_t *buf, size_t size,
        size_t *read_size) {
    const struct mft_entry &entry = acquired_device(handle, MFT_DEV_NET_BASIC, "solo5_net_read");
    long n;
    do {
        n = syscall4(TENOR_SPT_SYS_READ, tap_fd(entry), reinterpret_cast<uintptr_t>(buf), size);
    } while (n == -kEintr);
    *read_size = 0;
    if (n == -kEagain)
        return SOLO5_R_AGAIN;
    if (n < 0)
        return SOLO5_R_EUNSPEC;
    *read_size = static_cast<size_t>(n);
    return SOLO5_R_OK;
}

solo5_handle_set_t spt::poll_nics(uint64_t timeout_ns) {
    struct KernelPollfd fds[MFT_MAX_ENTRIES];
    solo5_handle_t handles[MFT_MAX_ENTRIES];
    uint64_t count = 0;
    uint64_t acquired = acquired_handles();
    for (solo5_handle_t h = 1; h < MFT_MAX_ENTRIES; h++) {
        const struct mft_entry *entry = (acquired & (1ULL << h)) ? device_if_acquired(h, MFT_DEV_NET_BASIC)
                                                                  : nullptr;
        if (entry == nullptr)
            continue;
        fds[count] = {static_cast<int32_t>(entry->b.hostfd), kPollIn, 0};
        handles[count++] = h;
    }
    struct KernelTimespec timeout = {static_cast<int64_t>(timeout_ns / 1000000000ULL),
                                     static_cast<int64_t>(timeout_ns % 1000000000ULL)};
    // The filter allows at most as many descriptors as there are NICs, and no signal mask.
    long n = syscall4(TENOR_SPT_SYS_PPOLL, count ? reinterpret_cast<uintptr_t>(fds) : 0, count,
            reinterpret_cast<uintptr_t>(&timeout), 0);
    solo5_handle_set_t ready = 0;
    for (uint64_t i = 0; n > 0 && i < count; i++) {
        if (fds[i].revents & kPollIn)
            ready |= 1ULL << handles[i];
    }
    return ready;
}

solo5_handle_set_t platform_net_pending() {
    return spt::poll_nics(0);
}

}  // namespace tenor::bindings
