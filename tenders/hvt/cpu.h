// cpu.h: the guest's CPU: CPUID, descriptor tables, ring-0 trap stubs and
// the initial register state that enters the unikernel at CPL3.
#pragma once

#include <linux/kvm.h>

#include <cstdint>
#include <vector>

#include "common/guest_memory.h"
#include "common/result.h"

namespace tenor::hvt {

// CPU features tenor-hvt turns on for the guest when the host has them.
struct CpuFeatures {
    bool fsgsbase = false;  // wrfsbase at CPL3 (CR4.FSGSBASE)
    bool smep = false;
    bool smap = false;
    bool umip = false;
    uint64_t xcr0 = 0;      // 0: no XSAVE; else the state components to enable
};

// What the host CPU itself reports (CPUID run by the monitor process).
struct HostCpu {
    bool xsave = false;
    bool avx = false;
    bool fsgsbase = false;
};
HostCpu host_cpu();

// Hides virtualization extensions from the guest's CPUID and reports the
// features tenor-hvt uses. Some KVM hosts (PVM) leave XSAVE, AVX and
// FSGSBASE out of KVM_GET_SUPPORTED_CPUID although the guest's user-mode
// code runs natively with them; where the host CPU has them and KVM supports
// the AVX state (CPUID leaf 0xd), they are offered to the guest so that
// software finds them enabled the architectural way (CPUID.OSXSAVE, XCR0).
CpuFeatures adjust_cpuid(std::vector<kvm_cpuid_entry2>& entries, const HostCpu& host);

// Writes the GDT, IDT, TSS with its I/O permission bitmap, and the trap
// stubs into their pages (tenor/hvt_abi.h).
Result<void> write_descriptor_tables(const GuestMemory& memory);

// Control registers and segments for 64-bit mode at CPL3.
kvm_sregs initial_sregs(const kvm_sregs& reset, Gpa page_table_root, const CpuFeatures& features);

// x87 and SSE control state at their power-on defaults (FNINIT, MXCSR 0x1f80).
kvm_fpu initial_fpu();

// Ports the TSS I/O permission bitmap opens to CPL3: every hypercall port,
// and the bytes a 32-bit access to the last one touches (Intel SDM Vol. 1,
// 19.5.2 "I/O Permission Bit Map").
inline constexpr uint16_t kFirstGuestPort = 0x500;
inline constexpr uint16_t kLastGuestPort = 0x500 + 16 + 2;

}  // namespace tenor::hvt
