// net.cc: the hvt network hypercalls (PROVISIONAL: the monitor does not serve them yet).
#include "common/bindings.h"
#include "hypercall.h"

using tenor::bindings::hvt::hypercall;

namespace tenor::bindings {
namespace {

// PROVISIONAL: the arguments of TENOR_HVT_HC_NET_WRITE and _NET_READ until
// the network fast path is designed; they are declared here rather than in
// hvt_abi.h because the monitor does not serve these hypercalls yet and the
// layout will change.
struct NetIo {
    uint64_t handle;     // in: manifest index
    uint64_t data;       // in: address of the frame buffer
    uint64_t len;        // in: bytes to send, or the buffer's size
    uint64_t read_size;  // out: bytes received (NET_READ)
    int64_t ret;         // out: a solo5_result_t
};
static_assert(sizeof(NetIo) == 40, "provisional net I/O layout");

solo5_result_t net_io(enum tenor_hvt_hypercall number, NetIo *args) {
    hypercall(number, args);
    if (args->ret < SOLO5_R_OK || args->ret > SOLO5_R_EUNSPEC)
        return SOLO5_R_EUNSPEC;
    return static_cast<solo5_result_t>(args->ret);
}

}  // namespace

solo5_result_t platform_net_write(solo5_handle_t handle, const uint8_t *buf, size_t size) {
    NetIo args = {handle, reinterpret_cast<uintptr_t>(buf), size, 0, SOLO5_R_EUNSPEC};
    return net_io(TENOR_HVT_HC_NET_WRITE, &args);
}

solo5_result_t platform_net_read(solo5_handle_t handle, uint8_t *buf, size_t size,
        size_t *read_size) {
    NetIo args = {handle, reinterpret_cast<uintptr_t>(buf), size, 0, SOLO5_R_EUNSPEC};
    solo5_result_t result = net_io(TENOR_HVT_HC_NET_READ, &args);
    // A monitor must never claim more bytes than the buffer holds.
    if (result == SOLO5_R_OK && args.read_size > size)
        panic("the monitor read a %lu-byte frame into a %lu-byte buffer",
                static_cast<unsigned long>(args.read_size), static_cast<unsigned long>(size));
    *read_size = result == SOLO5_R_OK ? args.read_size : 0;
    return result;
}

}  // namespace tenor::bindings
