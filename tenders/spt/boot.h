// boot.h: from a validated unikernel to guest memory that is ready to run: segments loaded, boot
// data written, every region protected.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "common/manifest.h"
#include "common/result.h"
#include "host.h"
#include "layout.h"
#include "memory.h"

namespace tenor::spt {

struct BootRequest {
    std::span<const uint8_t> kernel_file;
    uint64_t mem_size;
    std::string cmdline;
    const Manifest* manifest;  // attached
    HostFeatures host;
};

struct Guest {
    GuestMapping memory;
    Layout layout;
    uint64_t entry;
};

Result<Guest> boot_guest(const BootRequest& request);

}  // namespace tenor::spt
