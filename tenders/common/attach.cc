// attach.cc: device attachment with messages that name the missing flag.
#include "attach.h"

#include <cstring>

namespace tenor {

namespace {

const char* kind_name(mft_type_t type) {
    return type == MFT_DEV_NET_BASIC ? "net" : "block";
}

std::string declared_list(const Manifest& manifest, mft_type_t type) {
    std::string list;
    for (const ManifestDevice& device : manifest.devices) {
        if (device.type != type)
            continue;
        list += list.empty() ? "" : ", ";
        list += device.name;
    }
    return list.empty() ? "none" : list;
}

// Every option's device must be declared with the option's type.
template <typename Map>
Result<void> check_declared(const Manifest& manifest, const Map& map, mft_type_t type,
                            const char* flag) {
    for (const auto& [name, value] : map) {
        bool found = false;
        for (const ManifestDevice& device : manifest.devices)
            found = found || (device.name == name && device.type == type);
        if (!found)
            return fail(flag, name, ": the unikernel declares no ", kind_name(type), " device '",
                        name, "' (its ", kind_name(type), " devices: ",
                        declared_list(manifest, type), ")");
    }
    return Ok{};
}

Result<void> attach_block(mft_entry& entry, const ManifestDevice& device, const Options& options,
                          AttachedDevices& attached) {
    auto path = options.blocks.find(device.name);
    if (path == options.blocks.end())
        return fail("block device '", device.name, "' is declared by the unikernel but not attached: "
                    "add --block:", device.name, "=PATH");
    auto size = options.block_sector_sizes.find(device.name);
    uint64_t sector_size = size == options.block_sector_sizes.end() ? 512 : size->second;
    auto block = TRY(BlockDevice::open(device.name, path->second, sector_size));
    entry.u.block_basic.capacity = block.capacity();
    entry.u.block_basic.block_size = static_cast<uint16_t>(block.sector_size());
    entry.b.hostfd = block.fd();
    entry.attached = true;
    attached.blocks[device.index] = std::make_unique<BlockDevice>(std::move(block));
    return Ok{};
}

Result<void> attach_net(mft_entry& entry, const ManifestDevice& device, const Options& options,
                        AttachedDevices& attached) {
    auto spec = options.nets.find(device.name);
    if (spec == options.nets.end())
        return fail("net device '", device.name, "' is declared by the unikernel but not attached: "
                    "add --net:", device.name, "=TAP");
    auto tap = TRY(open_tap(device.name, spec->second));
    auto mac = options.net_macs.find(device.name);
    auto address = mac == options.net_macs.end() ? random_mac() : mac->second;
    std::memcpy(entry.u.net_basic.mac, address.data(), address.size());
    entry.u.net_basic.mtu = static_cast<uint16_t>(tap.mtu);
    entry.b.hostfd = tap.fd.get();
    entry.attached = true;
    attached.nets[device.index] = std::make_unique<Tap>(std::move(tap));
    return Ok{};
}

}  // namespace

Result<AttachedDevices> attach_devices(Manifest& manifest, const Options& options) {
    TRY_VOID(check_declared(manifest, options.blocks, MFT_DEV_BLOCK_BASIC, "--block:"));
    TRY_VOID(check_declared(manifest, options.block_sector_sizes, MFT_DEV_BLOCK_BASIC,
                            "--block-sector-size:"));
    TRY_VOID(check_declared(manifest, options.nets, MFT_DEV_NET_BASIC, "--net:"));
    TRY_VOID(check_declared(manifest, options.net_macs, MFT_DEV_NET_BASIC, "--net-mac:"));

    AttachedDevices attached;
    attached.blocks.resize(manifest.get()->entries);
    attached.nets.resize(manifest.get()->entries);
    for (const ManifestDevice& device : manifest.devices) {
        mft_entry& entry = manifest.get()->e[device.index];
        if (device.type == MFT_DEV_BLOCK_BASIC)
            TRY_VOID(attach_block(entry, device, options, attached));
        else
            TRY_VOID(attach_net(entry, device, options, attached));
    }
    return attached;
}

}  // namespace tenor
