// exits.h: decoding a vCPU exit into what the monitor must do about it,
// separate from running the vCPU so that it can be tested with synthetic
// exits.
#pragma once

#include <linux/kvm.h>

#include <cstdint>
#include <string>

namespace tenor::hvt {

enum class ExitKind {
    kHypercall,      // a guest `out` to a hypercall port
    kTrap,           // a ring-0 trap stub reported an exception
    kBadPort,        // I/O the ABI does not define
    kShutdown,       // triple fault
    kGuestMemory,    // an MMIO exit inside guest RAM: a protection fault on PVM hosts
    kMmio,           // an access outside guest memory
    kEmulationFailed,
    kEntryFailed,
    kUnexpected,
};

struct DecodedExit {
    ExitKind kind;
    unsigned hypercall = 0;   // kHypercall: the hypercall number
    uint32_t value = 0;       // kHypercall: argument address; kTrap: vector
    uint64_t address = 0;     // kMmio, kGuestMemory, kBadPort: the address or port
    std::string detail;       // what the exit was, for messages
};

// Decodes run; `run` must be followed by its I/O data area as KVM lays it
// out (io.data_offset is relative to run). mem_size is the guest's RAM size.
DecodedExit decode_exit(const kvm_run& run, uint64_t mem_size);

}  // namespace tenor::hvt
