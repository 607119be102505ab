// boot.h: building a ready-to-run VM: KVM objects, guest memory with the
// kernel loaded, page tables, descriptor tables, boot info and registers.
#pragma once

#include <string>

#include "common/elf.h"
#include "common/guest_memory.h"
#include "common/manifest.h"
#include "kvm.h"
#include "layout.h"

namespace tenor::hvt {

// Where a NIC's rings were placed.
struct NicRings {
    uint32_t handle;
    Gpa tx_ring;
};

struct BootedVm {
    Kvm kvm;
    Vm vm;
    GuestMemory memory;
    Vcpu vcpu;
    Layout layout;
    std::vector<NicRings> nic_rings;
};

struct BootRequest {
    std::span<const uint8_t> kernel_file;
    uint64_t mem_size;
    std::string cmdline;
    Manifest* manifest;  // attached; boot_vm records the NICs' ring addresses in it
};

Result<BootedVm> boot_vm(const BootRequest& request);

// Loads the PT_LOAD segments of image from file into memory.
Result<void> load_segments(const GuestMemory& memory, std::span<const uint8_t> file,
                           const ElfImage& image);

// Fixed-point conversion of TSC ticks to nanoseconds: ns = (ticks * mult) >> shift.
struct TscScale {
    uint64_t mult;
    uint32_t shift;
};
TscScale tsc_scale(uint64_t tsc_hz);

}  // namespace tenor::hvt
