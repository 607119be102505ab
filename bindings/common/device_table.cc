// device_table.cc: the manifest's devices as the application acquires them, and the checks on device I/O.
//
// Pure logic with no dependency on the rest of the bindings, so that the host
// unit tests compile it too.
#include "device_table.h"

namespace tenor::bindings {
namespace {

// Compares the application's name with an entry's, which the monitor has
// checked to be NUL-terminated within MFT_NAME_SIZE.
bool name_matches(const char *entry_name, const char *name) {
    for (size_t i = 0; i < MFT_NAME_SIZE; i++) {
        if (entry_name[i] != name[i])
            return false;
        if (name[i] == '\0')
            return true;
    }
    return false;
}

}  // namespace

bool DeviceTable::reset(const struct mft *mft) {
    mft_ = nullptr;
    acquired_ = 0;
    if (mft == nullptr || mft->version != MFT_VERSION || mft->entries < 1 ||
            mft->entries > MFT_MAX_ENTRIES || mft->e[0].type != MFT_RESERVED_FIRST)
        return false;
    mft_ = mft;
    return true;
}

int DeviceTable::find(const char *name, mft_type_t type) const {
    if (mft_ == nullptr || name == nullptr || name[0] == '\0')
        return -1;
    // Entry 0 is the reserved entry, never a device.
    for (uint32_t i = 1; i < mft_->entries; i++) {
        const struct mft_entry &e = mft_->e[i];
        if (e.type == type && name_matches(e.name, name))
            return static_cast<int>(i);
    }
    return -1;
}

AcquireError DeviceTable::acquire(const char *name, mft_type_t type, solo5_handle_t *handle) {
    int index = find(name, type);
    if (index < 0)
        return AcquireError::not_declared;
    if (!mft_->e[index].attached)
        return AcquireError::not_attached;
    uint64_t bit = uint64_t{1} << index;
    if ((acquired_ & bit) != 0)
        return AcquireError::already_acquired;
    acquired_ |= bit;
    *handle = static_cast<solo5_handle_t>(index);
    return AcquireError::none;
}

const struct mft_entry *DeviceTable::acquired(solo5_handle_t handle, mft_type_t type) const {
    if (mft_ == nullptr || handle == 0 || handle >= mft_->entries)
        return nullptr;
    if ((acquired_ & (uint64_t{1} << handle)) == 0)
        return nullptr;
    const struct mft_entry &e = mft_->e[handle];
    return e.type == type ? &e : nullptr;
}

bool block_io_valid(uint64_t capacity, uint64_t block_size, solo5_off_t offset, size_t size,
        size_t max_size) {
    if (block_size == 0 || size == 0 || size > max_size)
        return false;
    if (offset % block_size != 0 || size % block_size != 0)
        return false;
    // Written so that no sum can wrap around.
    return offset <= capacity && size <= capacity - offset;
}

bool net_write_size_valid(uint64_t mtu, size_t size) {
    return size > 0 && size <= mtu + SOLO5_NET_HLEN;
}

bool net_read_size_valid(uint64_t mtu, size_t size) {
    return size >= mtu + SOLO5_NET_HLEN;
}

}  // namespace tenor::bindings
