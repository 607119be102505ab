// exits_test.cc: exit decoding fed with synthetic kvm_run exits.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "hvt/exits.h"
#include "tenor/hvt_abi.h"

using namespace tenor::hvt;

namespace {

constexpr uint64_t kMem = 16 << 20;

// A kvm_run followed by room for its I/O data, as KVM maps it.
struct SyntheticRun {
    std::vector<uint8_t> buf = std::vector<uint8_t>(4096);
    kvm_run& run() { return *reinterpret_cast<kvm_run*>(buf.data()); }

    kvm_run& io(uint16_t port, uint8_t direction, uint8_t size, uint32_t count, uint32_t value) {
        kvm_run& r = run();
        r.exit_reason = KVM_EXIT_IO;
        r.io.port = port;
        r.io.direction = direction;
        r.io.size = size;
        r.io.count = count;
        r.io.data_offset = 2048;
        std::memcpy(buf.data() + 2048, &value, 4);
        return r;
    }
};

TEST(Exits, OutToHypercallPortIsAHypercall) {
    SyntheticRun s;
    auto exit = decode_exit(s.io(TENOR_HVT_PIO_BASE + TENOR_HVT_HC_PUTS, KVM_EXIT_IO_OUT, 4, 1, 0x1234f0), kMem);
    EXPECT_EQ(exit.kind, ExitKind::kHypercall);
    EXPECT_EQ(exit.hypercall, unsigned{TENOR_HVT_HC_PUTS});
    EXPECT_EQ(exit.value, 0x1234f0u);
}

TEST(Exits, LastHypercallPortStillDecodes) {
    SyntheticRun s;
    auto exit = decode_exit(s.io(TENOR_HVT_PIO_BASE + 15, KVM_EXIT_IO_OUT, 4, 1, 8), kMem);
    EXPECT_EQ(exit.kind, ExitKind::kHypercall);
    EXPECT_EQ(exit.hypercall, 15u);
}

TEST(Exits, TrapPortIsATrap) {
    SyntheticRun s;
    auto exit = decode_exit(s.io(TENOR_HVT_PIO_TRAP, KVM_EXIT_IO_OUT, 4, 1, 14), kMem);
    EXPECT_EQ(exit.kind, ExitKind::kTrap);
    EXPECT_EQ(exit.value, 14u);
}

TEST(Exits, InputsWrongSizesAndStringIoAreBadPorts) {
    SyntheticRun s;
    EXPECT_EQ(decode_exit(s.io(0x502, KVM_EXIT_IO_IN, 4, 1, 0), kMem).kind, ExitKind::kBadPort);
    EXPECT_EQ(decode_exit(s.io(0x502, KVM_EXIT_IO_OUT, 1, 1, 0), kMem).kind, ExitKind::kBadPort);
    EXPECT_EQ(decode_exit(s.io(0x502, KVM_EXIT_IO_OUT, 4, 3, 0), kMem).kind, ExitKind::kBadPort);
    auto exit = decode_exit(s.io(0x510, KVM_EXIT_IO_OUT, 4, 1, 0), kMem);
    EXPECT_EQ(exit.kind, ExitKind::kBadPort);
    EXPECT_EQ(exit.address, 0x510u);
    EXPECT_EQ(exit.detail, "out of 4 byte(s) x1 to port 0x510");
}

TEST(Exits, MmioInsideMemoryIsAProtectionFault) {
    SyntheticRun s;
    s.run().exit_reason = KVM_EXIT_MMIO;
    s.run().mmio.phys_addr = 0x100040;
    s.run().mmio.is_write = 1;
    auto inside = decode_exit(s.run(), kMem);
    EXPECT_EQ(inside.kind, ExitKind::kGuestMemory);
    EXPECT_EQ(inside.detail, "write to 0x100040");
    s.run().mmio.phys_addr = kMem + 0x1000;
    s.run().mmio.is_write = 0;
    auto outside = decode_exit(s.run(), kMem);
    EXPECT_EQ(outside.kind, ExitKind::kMmio);
    EXPECT_EQ(outside.detail, "read from 0x1001000");
}

TEST(Exits, ShutdownEmulationFailureAndEntryFailure) {
    SyntheticRun s;
    s.run().exit_reason = KVM_EXIT_SHUTDOWN;
    EXPECT_EQ(decode_exit(s.run(), kMem).kind, ExitKind::kShutdown);
    s.run().exit_reason = KVM_EXIT_INTERNAL_ERROR;
    s.run().internal.suberror = KVM_INTERNAL_ERROR_EMULATION;
    EXPECT_EQ(decode_exit(s.run(), kMem).kind, ExitKind::kEmulationFailed);
    s.run().internal.suberror = 3;
    EXPECT_EQ(decode_exit(s.run(), kMem).kind, ExitKind::kUnexpected);
    s.run().exit_reason = KVM_EXIT_FAIL_ENTRY;
    s.run().fail_entry.hardware_entry_failure_reason = 0x21;
    auto entry = decode_exit(s.run(), kMem);
    EXPECT_EQ(entry.kind, ExitKind::kEntryFailed);
    EXPECT_EQ(entry.detail, "VM entry failed, hardware reason 0x21");
    s.run().exit_reason = KVM_EXIT_HLT;
    EXPECT_EQ(decode_exit(s.run(), kMem).detail, "unexpected KVM exit reason 5");
}

}  // namespace
