// cpu_test.cc: CPUID filtering and the descriptor tables tenor-hvt writes.
#include <gtest/gtest.h>

#include <cstring>

#include "hvt/cpu.h"
#include "tenor/hvt_abi.h"

using namespace tenor;
using namespace tenor::hvt;

namespace {

kvm_cpuid_entry2 leaf(uint32_t function, uint32_t index, uint32_t eax, uint32_t ebx, uint32_t ecx,
                      uint32_t edx) {
    kvm_cpuid_entry2 e{};
    e.function = function;
    e.index = index;
    e.eax = eax;
    e.ebx = ebx;
    e.ecx = ecx;
    e.edx = edx;
    return e;
}

const kvm_cpuid_entry2& find(const std::vector<kvm_cpuid_entry2>& entries, uint32_t function) {
    for (const auto& e : entries)
        if (e.function == function)
            return e;
    throw std::runtime_error("missing leaf");
}

TEST(Cpuid, HidesVmxAndSvm) {
    std::vector<kvm_cpuid_entry2> entries = {leaf(1, 0, 0, 0, 1U << 5 | 1U << 0, 0),
                                             leaf(0x80000001, 0, 0, 0, 1U << 2 | 1U << 0, 0)};
    adjust_cpuid(entries, HostCpu{});
    EXPECT_EQ(find(entries, 1).ecx, 1U << 0);
    EXPECT_EQ(find(entries, 0x80000001).ecx, 1U << 0);
}

TEST(Cpuid, EnablesAvxStateKvmSupports) {
    std::vector<kvm_cpuid_entry2> entries = {leaf(1, 0, 0, 0, 1U << 26 | 1U << 28, 0),
                                             leaf(0xd, 0, 0x7, 0, 0, 0)};
    CpuFeatures features = adjust_cpuid(entries, HostCpu{});
    EXPECT_EQ(features.xcr0, 0x7u);
    entries = {leaf(1, 0, 0, 0, 1U << 26 | 1U << 28, 0), leaf(0xd, 0, 0xe7, 0, 0, 0)};
    EXPECT_EQ(adjust_cpuid(entries, HostCpu{}).xcr0, 0xe7u);
}

TEST(Cpuid, NoXsaveMeansNoXcr0) {
    std::vector<kvm_cpuid_entry2> entries = {leaf(1, 0, 0, 0, 0, 0), leaf(0xd, 0, 0x7, 0, 0, 0)};
    EXPECT_EQ(adjust_cpuid(entries, HostCpu{}).xcr0, 0u);
}

TEST(Cpuid, HostFeaturesFillWhatKvmUnderReports) {
    // As on PVM hosts: leaf 1 lacks XSAVE and AVX, leaf 7 lacks FSGSBASE,
    // although leaf 0xd supports the AVX state and the host CPU has them.
    std::vector<kvm_cpuid_entry2> entries = {leaf(1, 0, 0, 0, 0, 0), leaf(7, 0, 0, 0, 0, 0),
                                             leaf(0xd, 0, 0xe7, 0, 0, 0)};
    CpuFeatures features = adjust_cpuid(entries, HostCpu{true, true, true});
    EXPECT_EQ(find(entries, 1).ecx, 1U << 26 | 1U << 28);
    EXPECT_EQ(find(entries, 7).ebx, 1U << 0);
    EXPECT_TRUE(features.fsgsbase);
    EXPECT_EQ(features.xcr0, 0xe7u);
}

TEST(Cpuid, HostAvxWithoutKvmAvxStateIsNotOffered) {
    std::vector<kvm_cpuid_entry2> entries = {leaf(1, 0, 0, 0, 0, 0), leaf(0xd, 0, 0x3, 0, 0, 0)};
    CpuFeatures features = adjust_cpuid(entries, HostCpu{true, true, false});
    EXPECT_EQ(find(entries, 1).ecx, 0u);
    EXPECT_EQ(features.xcr0, 0u);
}

TEST(DescriptorTables, IoBitmapOpensOnlyHypercallPorts) {
    auto memory = GuestMemory::create(1 << 20).value();
    ASSERT_TRUE(write_descriptor_tables(memory).ok());
    auto tss = memory.bytes(Gpa(TENOR_HVT_TSS), TENOR_HVT_TSS_SIZE).value();
    uint16_t base;
    std::memcpy(&base, tss.data() + 0x66, 2);
    ASSERT_EQ(base, 0x68);
    auto allowed = [&](unsigned port) { return !(tss[base + port / 8] & (1U << (port % 8))); };
    for (unsigned port = 0; port < 65536; port++) {
        bool expect = port >= kFirstGuestPort && port <= kLastGuestPort;
        ASSERT_EQ(allowed(port), expect) << port;
    }
    EXPECT_FALSE(allowed(TENOR_HVT_PIO_TRAP));
    EXPECT_EQ(tss[base + 8192], 0xff);  // the terminating byte
    uint64_t rsp0;
    std::memcpy(&rsp0, tss.data() + 4, 8);
    EXPECT_EQ(rsp0, TENOR_HVT_TRAP_STACK_TOP);
}

TEST(DescriptorTables, GatesPointAtStubsThatReportTheirVector) {
    auto memory = GuestMemory::create(1 << 20).value();
    ASSERT_TRUE(write_descriptor_tables(memory).ok());
    auto idt = memory.bytes(Gpa(TENOR_HVT_IDT), 32 * 16).value();
    auto code = memory.bytes(Gpa(TENOR_HVT_TRAP_CODE), 0x1000).value();
    for (unsigned v = 0; v < 32; v++) {
        uint64_t low;
        std::memcpy(&low, idt.data() + 16 * v, 8);
        uint64_t handler = (low & 0xffff) | ((low >> 32) & 0xffff0000);
        EXPECT_EQ(handler, TENOR_HVT_TRAP_CODE + 16 * v);
        EXPECT_EQ((low >> 16) & 0xffff, unsigned{TENOR_HVT_SEL_KERNEL_CS});
        EXPECT_EQ((low >> 40) & 0xff, 0x8eu);  // present interrupt gate, DPL 0
        const uint8_t* stub = code.data() + (handler - TENOR_HVT_TRAP_CODE);
        bool error_code = v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21 || v == 29 || v == 30;
        size_t at = error_code ? 0 : 2;  // "push $0" first where the CPU pushes no error code
        ASSERT_EQ(stub[at], 0xb8);
        uint32_t vector;
        std::memcpy(&vector, stub + at + 1, 4);
        EXPECT_EQ(vector, v);
    }
}

}  // namespace
