// device_table.h: the manifest's devices as the application acquires them, and the checks on device I/O.
#ifndef TENOR_BINDINGS_DEVICE_TABLE_H
#define TENOR_BINDINGS_DEVICE_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "solo5.h"
#include "tenor/mft_abi.h"

namespace tenor::bindings {

// Why an acquire failed, so that the caller can say what to do about it.
enum class AcquireError { none, not_declared, not_attached, already_acquired };

// The attached manifest and which of its entries the application holds.
// Handles are manifest indices; bit N of the acquired mask stands for handle N.
class DeviceTable {
public:
    constexpr DeviceTable() = default;

    // Uses mft, which the monitor has validated and attached; returns false
    // if its header is not one a monitor would have accepted.
    bool reset(const struct mft *mft);

    // Looks up the attached entry declared as name with the given type and
    // marks it acquired.
    AcquireError acquire(const char *name, mft_type_t type, solo5_handle_t *handle);

    // The entry of handle if it was acquired with the given type, else null.
    const struct mft_entry *acquired(solo5_handle_t handle, mft_type_t type) const;

    // The manifest index of the entry declared as name with the given type, or -1.
    int find(const char *name, mft_type_t type) const;

    // Bit N set for every acquired handle N.
    uint64_t acquired_mask() const { return acquired_; }

private:
    const struct mft *mft_ = nullptr;
    uint64_t acquired_ = 0;
};

// Whether a block transfer of size bytes at offset is one the API allows:
// a non-zero multiple of block_size, aligned, inside capacity and at most
// max_size bytes.
bool block_io_valid(uint64_t capacity, uint64_t block_size, solo5_off_t offset, size_t size,
        size_t max_size);

// Whether a frame of size bytes may be sent on a device with this MTU.
bool net_write_size_valid(uint64_t mtu, size_t size);

// Whether a buffer of size bytes can hold any frame of a device with this MTU.
bool net_read_size_valid(uint64_t mtu, size_t size);

}  // namespace tenor::bindings

#endif
