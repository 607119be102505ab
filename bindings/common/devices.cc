// devices.cc: solo5_{net,block}_{acquire,read,write}(): argument checks common to all targets.
#include "bindings.h"
#include "device_table.h"

namespace tenor::bindings {
namespace {

constinit DeviceTable g_devices;

const char *type_name(mft_type_t type) {
    return type == MFT_DEV_NET_BASIC ? "net" : "block";
}

const char *acquire_function(mft_type_t type) {
    return type == MFT_DEV_NET_BASIC ? "solo5_net_acquire" : "solo5_block_acquire";
}

// Acquires a device, telling the user why it could not be.
solo5_result_t acquire(const char *name, mft_type_t type, solo5_handle_t *handle) {
    if (name == nullptr || handle == nullptr)
        return SOLO5_R_EINVAL;
    switch (g_devices.acquire(name, type, handle)) {
    case AcquireError::none:
        log(LogLevel::debug, "%s device '%s' acquired as handle %lu", type_name(type), name,
                static_cast<unsigned long>(*handle));
        return SOLO5_R_OK;
    case AcquireError::not_declared:
        log(LogLevel::warn,
                "%s('%s'): no %s device of that name is declared in the unikernel's manifest: "
                "declare it in the manifest's JSON source and rebuild",
                acquire_function(type), name, type_name(type));
        return SOLO5_R_EINVAL;
    case AcquireError::not_attached:
        log(LogLevel::warn, "%s('%s'): the monitor did not attach this device: give it to the monitor "
                "with --%s:%s=...", acquire_function(type), name, type_name(type), name);
        return SOLO5_R_EINVAL;
    case AcquireError::already_acquired:
        log(LogLevel::warn, "%s('%s'): the device is already acquired: acquire each device once",
                acquire_function(type), name);
        return SOLO5_R_EINVAL;
    }
    return SOLO5_R_EINVAL;
}

}  // namespace

void devices_init(const struct mft *mft) {
    if (!g_devices.reset(mft))
        panic("the monitor passed a manifest at %p that is not a valid attached manifest", mft);
}

uint64_t acquired_handles() {
    return g_devices.acquired_mask();
}

const struct mft_entry *device_if_acquired(solo5_handle_t handle, mft_type_t type) {
    return g_devices.acquired(handle, type);
}

const struct mft_entry &acquired_device(solo5_handle_t handle, mft_type_t type, const char *caller) {
    const struct mft_entry *e = g_devices.acquired(handle, type);
    if (e == nullptr) {
        abort_misuse("%s() called with handle %lu, which is not an acquired %s device: pass a "
                "handle returned by %s()", caller, static_cast<unsigned long>(handle),
                type_name(type), acquire_function(type));
    }
    return *e;
}

}  // namespace tenor::bindings

using namespace tenor::bindings;

extern "C" solo5_result_t solo5_net_acquire(const char *name, solo5_handle_t *handle,
        struct solo5_net_info *info) {
    if (info == nullptr)
        return SOLO5_R_EINVAL;
    solo5_result_t result = acquire(name, MFT_DEV_NET_BASIC, handle);
    if (result != SOLO5_R_OK)
        return result;
    const struct mft_net_basic &net = acquired_device(*handle, MFT_DEV_NET_BASIC, "solo5_net_acquire")
                                              .u.net_basic;
    memcpy(info->mac_address, net.mac, SOLO5_NET_ALEN);
    info->mtu = net.mtu;
    return SOLO5_R_OK;
}

extern "C" solo5_result_t solo5_block_acquire(const char *name, solo5_handle_t *handle,
        struct solo5_block_info *info) {
    if (info == nullptr)
        return SOLO5_R_EINVAL;
    solo5_result_t result = acquire(name, MFT_DEV_BLOCK_BASIC, handle);
    if (result != SOLO5_R_OK)
        return result;
    const struct mft_block_basic &block =
            acquired_device(*handle, MFT_DEV_BLOCK_BASIC, "solo5_block_acquire").u.block_basic;
    info->capacity = block.capacity;
    info->block_size = block.block_size;
    return SOLO5_R_OK;
}

extern "C" solo5_result_t solo5_block_write(solo5_handle_t handle, solo5_off_t offset,
        const uint8_t *buf, size_t size) {
    const struct mft_block_basic &block =
            acquired_device(handle, MFT_DEV_BLOCK_BASIC, "solo5_block_write").u.block_basic;
    if (buf == nullptr ||
            !block_io_valid(block.capacity, block.block_size, offset, size, platform_block_io_max()))
        return SOLO5_R_EINVAL;
    return platform_block_write(handle, offset, buf, size);
}

extern "C" solo5_result_t solo5_block_read(solo5_handle_t handle, solo5_off_t offset, uint8_t *buf,
        size_t size) {
    const struct mft_block_basic &block =
            acquired_device(handle, MFT_DEV_BLOCK_BASIC, "solo5_block_read").u.block_basic;
    if (buf == nullptr ||
            !block_io_valid(block.capacity, block.block_size, offset, size, platform_block_io_max()))
        return SOLO5_R_EINVAL;
    return platform_block_read(handle, offset, buf, size);
}

extern "C" solo5_result_t solo5_net_write(solo5_handle_t handle, const uint8_t *buf, size_t size) {
    const struct mft_net_basic &net =
            acquired_device(handle, MFT_DEV_NET_BASIC, "solo5_net_write").u.net_basic;
    if (buf == nullptr || !net_write_size_valid(net.mtu, size))
        return SOLO5_R_EINVAL;
    return platform_net_write(handle, buf, size);
}

extern "C" solo5_result_t solo5_net_read(solo5_handle_t handle, uint8_t *buf, size_t size,
        size_t *read_size) {
    const struct mft_net_basic &net =
            acquired_device(handle, MFT_DEV_NET_BASIC, "solo5_net_read").u.net_basic;
    if (buf == nullptr || read_size == nullptr || !net_read_size_valid(net.mtu, size))
        return SOLO5_R_EINVAL;
    return platform_net_read(handle, buf, size, read_size);
}
