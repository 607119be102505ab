// exits.cc: turns a kvm_run exit into a DecodedExit.
#include "exits.h"

#include <cstring>

#include "common/format.h"
#include "tenor/hvt_abi.h"

namespace tenor::hvt {

namespace {

DecodedExit decode_io(const kvm_run& run) {
    const auto& io = run.io;
    DecodedExit exit{ExitKind::kBadPort};
    exit.address = io.port;
    std::string direction = io.direction == KVM_EXIT_IO_OUT ? "out" : "in";
    exit.detail = direction + " of " + std::to_string(io.size) + " byte(s) x" +
                  std::to_string(io.count) + " to port " + hex(io.port);
    // Hypercalls and traps are one 32-bit `out` each; string I/O and reads are not part of the ABI.
    if (io.direction != KVM_EXIT_IO_OUT || io.size != 4 || io.count != 1)
        return exit;
    uint32_t value;
    std::memcpy(&value, reinterpret_cast<const uint8_t*>(&run) + io.data_offset, 4);
    if (io.port == TENOR_HVT_PIO_TRAP) {
        exit.kind = ExitKind::kTrap;
        exit.value = value;
        return exit;
    }
    if (io.port >= TENOR_HVT_PIO_BASE && io.port < TENOR_HVT_PIO_BASE + TENOR_HVT_PIO_COUNT) {
        exit.kind = ExitKind::kHypercall;
        exit.hypercall = io.port - TENOR_HVT_PIO_BASE;
        exit.value = value;
    }
    return exit;
}

}  // namespace

DecodedExit decode_exit(const kvm_run& run, uint64_t mem_size) {
    switch (run.exit_reason) {
    case KVM_EXIT_IO:
        return decode_io(run);
    case KVM_EXIT_SHUTDOWN:
        return {ExitKind::kShutdown, 0, 0, 0, "triple fault"};
    case KVM_EXIT_MMIO: {
        DecodedExit exit{run.mmio.phys_addr < mem_size ? ExitKind::kGuestMemory : ExitKind::kMmio};
        exit.address = run.mmio.phys_addr;
        exit.detail = std::string(run.mmio.is_write ? "write to " : "read from ") +
                      hex(run.mmio.phys_addr);
        return exit;
    }
    case KVM_EXIT_INTERNAL_ERROR: {
        DecodedExit exit{run.internal.suberror == KVM_INTERNAL_ERROR_EMULATION
                             ? ExitKind::kEmulationFailed
                             : ExitKind::kUnexpected};
        exit.detail = "KVM internal error, suberror " + std::to_string(run.internal.suberror);
        return exit;
    }
    case KVM_EXIT_FAIL_ENTRY: {
        DecodedExit exit{ExitKind::kEntryFailed};
        exit.detail = "VM entry failed, hardware reason " +
                      hex(run.fail_entry.hardware_entry_failure_reason);
        return exit;
    }
    default: {
        DecodedExit exit{ExitKind::kUnexpected};
        exit.detail = "unexpected KVM exit reason " + std::to_string(run.exit_reason);
        return exit;
    }
    }
}

}  // namespace tenor::hvt
