// attach.h: matching the unikernel's declared devices with the devices the
// command line attaches, and filling in the manifest the guest will read.
#pragma once

#include <memory>
#include <vector>

#include "block.h"
#include "cli.h"
#include "manifest.h"
#include "result.h"
#include "tap.h"

namespace tenor {

struct AttachedDevices {
    // Indexed by manifest index (the guest's handle); null where no block device.
    std::vector<std::unique_ptr<BlockDevice>> blocks;
    // Indexed the same way; null where no network device.
    std::vector<std::unique_ptr<Tap>> nets;

    const BlockDevice* block(uint64_t handle) const {
        return handle < blocks.size() ? blocks[handle].get() : nullptr;
    }
};

// Opens every device the options name, refusing options for devices the
// manifest does not declare and declared devices the options leave out;
// marks each entry attached and fills in its properties.
Result<AttachedDevices> attach_devices(Manifest& manifest, const Options& options);

}  // namespace tenor
