// platform.cc: what the common bindings need from hvt: console, exit and the block hypercalls.
#include "common/bindings.h"
#include "hypercall.h"

using tenor::bindings::hvt::hypercall;

namespace tenor::bindings {

void platform_console_write(const char *buf, size_t size) {
    struct tenor_hvt_hc_puts args = {reinterpret_cast<uintptr_t>(buf), size};
    hypercall(TENOR_HVT_HC_PUTS, &args);
}

void platform_exit(int status) {
    struct tenor_hvt_hc_halt args = {status};
    // HALT does not return; should a monitor ever resume the guest, halt again.
    for (;;)
        hypercall(TENOR_HVT_HC_HALT, &args);
}

size_t platform_block_io_max() {
    return TENOR_HVT_BLOCK_IO_MAX;
}

namespace {

// Maps the monitor's answer to a solo5_result_t, treating anything else as
// an unspecified failure.
solo5_result_t result_of(int64_t ret) {
    if (ret < SOLO5_R_OK || ret > SOLO5_R_EUNSPEC)
        return SOLO5_R_EUNSPEC;
    return static_cast<solo5_result_t>(ret);
}

solo5_result_t block_io(enum tenor_hvt_hypercall number, solo5_handle_t handle, solo5_off_t offset,
        uintptr_t data, size_t size) {
    struct tenor_hvt_hc_block_io args = {handle, offset, data, size, SOLO5_R_EUNSPEC};
    hypercall(number, &args);
    return result_of(args.ret);
}

}  // namespace

solo5_result_t platform_block_write(solo5_handle_t handle, solo5_off_t offset, const uint8_t *buf,
        size_t size) {
    return block_io(TENOR_HVT_HC_BLOCK_WRITE, handle, offset, reinterpret_cast<uintptr_t>(buf), size);
}

solo5_result_t platform_block_read(solo5_handle_t handle, solo5_off_t offset, uint8_t *buf,
        size_t size) {
    return block_io(TENOR_HVT_HC_BLOCK_READ, handle, offset, reinterpret_cast<uintptr_t>(buf), size);
}

}  // namespace tenor::bindings
