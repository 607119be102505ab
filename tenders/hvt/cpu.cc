// cpu.cc: CPUID filtering, descriptor tables and trap stubs for a CPL3 guest.
#include "cpu.h"

#include <cpuid.h>

#include <cstring>

#include "tenor/hvt_abi.h"

namespace tenor::hvt {

namespace {

// CPUID bits (Intel SDM Vol. 2A, CPUID instruction reference).
constexpr uint32_t kLeaf1EcxVmx = 1U << 5;
constexpr uint32_t kLeaf1EcxXsave = 1U << 26;
constexpr uint32_t kLeaf1EcxAvx = 1U << 28;
constexpr uint32_t kLeaf7EbxFsgsbase = 1U << 0;
constexpr uint32_t kLeaf7EbxSmep = 1U << 7;
constexpr uint32_t kLeaf7EbxSmap = 1U << 20;
constexpr uint32_t kLeaf7EcxUmip = 1U << 2;
constexpr uint32_t kExtLeaf1EcxSvm = 1U << 2;
// XCR0 components: x87, SSE, AVX, and the three AVX-512 ones (all or none).
constexpr uint64_t kXcr0Base = 0x7;
constexpr uint64_t kXcr0Avx512 = 0xe0;

// Control-register bits (Intel SDM Vol. 3A, 2.5).
constexpr uint64_t kCr0Pe = 1ULL << 0, kCr0Mp = 1ULL << 1, kCr0Et = 1ULL << 4,
                   kCr0Ne = 1ULL << 5, kCr0Wp = 1ULL << 16, kCr0Pg = 1ULL << 31;
constexpr uint64_t kCr4Pae = 1ULL << 5, kCr4Osfxsr = 1ULL << 9, kCr4Osxmmexcpt = 1ULL << 10,
                   kCr4Umip = 1ULL << 11, kCr4Fsgsbase = 1ULL << 16, kCr4Osxsave = 1ULL << 18,
                   kCr4Smep = 1ULL << 20, kCr4Smap = 1ULL << 21;
constexpr uint64_t kEferLme = 1ULL << 8, kEferLma = 1ULL << 10, kEferNxe = 1ULL << 11;

// Segment descriptors, flat (Intel SDM Vol. 3A, 3.4.5): G, L (code) or D/B
// (data), present, DPL, accessed bit preset so the CPU never writes them.
constexpr uint64_t kKernelCode = 0x00af9b000000ffffULL;
constexpr uint64_t kKernelData = 0x00cf93000000ffffULL;
constexpr uint64_t kUserData = 0x00cff3000000ffffULL;
constexpr uint64_t kUserCode = 0x00affb000000ffffULL;

// TSS layout (Intel SDM Vol. 3A, 8.7): RSP0 at 4, I/O map base at 0x66.
constexpr uint64_t kTssRsp0 = 4;
constexpr uint64_t kTssIoMapBaseField = 0x66;
constexpr uint64_t kTssIoMap = 0x68;
constexpr uint64_t kIoMapBytes = 65536 / 8;
constexpr uint64_t kTssLimit = kTssIoMap + kIoMapBytes;  // includes the 0xff terminator byte

constexpr unsigned kTrapVectors = 32;
constexpr unsigned kStubSize = 16;

bool has_error_code(unsigned vector) {
    // #DF, #TS, #NP, #SS, #GP, #PF, #AC, #CP, #VC, #SX (Intel SDM Vol. 3A, Table 6-1).
    switch (vector) {
    case 8: case 10: case 11: case 12: case 13: case 14: case 17: case 21: case 29: case 30:
        return true;
    default:
        return false;
    }
}

// One ring-0 stub: make the frame uniform, name the vector on the trap port,
// and stop. The monitor reads the frame from the trap stack.
unsigned write_stub(uint8_t* p, unsigned vector) {
    unsigned n = 0;
    if (!has_error_code(vector)) {
        p[n++] = 0x6a;  // push $0
        p[n++] = 0x00;
    }
    p[n++] = 0xb8;  // mov $vector, %eax
    std::memcpy(p + n, &vector, 4);
    n += 4;
    p[n++] = 0x66;  // mov $TENOR_HVT_PIO_TRAP, %dx
    p[n++] = 0xba;
    uint16_t port = TENOR_HVT_PIO_TRAP;
    std::memcpy(p + n, &port, 2);
    n += 2;
    p[n++] = 0xef;  // out %eax, %dx
    p[n++] = 0xf4;  // hlt
    p[n++] = 0xeb;  // jmp back to hlt
    p[n++] = 0xfd;
    return n;
}

void write_gate(uint8_t* idt, unsigned vector, uint64_t handler) {
    // 64-bit interrupt gate, DPL 0, present (Intel SDM Vol. 3A, 6.14.1).
    uint64_t low = (handler & 0xffff) | (uint64_t{TENOR_HVT_SEL_KERNEL_CS} << 16) |
                   (0x8eULL << 40) | (((handler >> 16) & 0xffff) << 48);
    uint64_t high = handler >> 32;
    std::memcpy(idt + 16 * vector, &low, 8);
    std::memcpy(idt + 16 * vector + 8, &high, 8);
}

kvm_segment segment(uint16_t selector, uint8_t type, uint8_t dpl, bool code) {
    kvm_segment s{};
    s.base = 0;
    s.limit = 0xffffffff;
    s.selector = selector;
    s.type = type;
    s.present = 1;
    s.dpl = dpl;
    s.db = code ? 0 : 1;
    s.s = 1;
    s.l = code ? 1 : 0;
    s.g = 1;
    return s;
}

}  // namespace

HostCpu host_cpu() {
    HostCpu host;
    unsigned eax, ebx, ecx, edx;
    if (__get_cpuid_count(1, 0, &eax, &ebx, &ecx, &edx)) {
        host.xsave = ecx & kLeaf1EcxXsave;
        host.avx = ecx & kLeaf1EcxAvx;
    }
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx))
        host.fsgsbase = ebx & kLeaf7EbxFsgsbase;
    return host;
}

CpuFeatures adjust_cpuid(std::vector<kvm_cpuid_entry2>& entries, const HostCpu& host) {
    CpuFeatures features;
    uint64_t xcr0_supported = 0;
    for (const kvm_cpuid_entry2& e : entries) {
        if (e.function == 0xd && e.index == 0)
            xcr0_supported = e.eax | (uint64_t{e.edx} << 32);
    }
    bool avx_state = (xcr0_supported & kXcr0Base) == kXcr0Base;
    bool xsave = false;
    for (kvm_cpuid_entry2& e : entries) {
        if (e.function == 1) {
            e.ecx &= ~kLeaf1EcxVmx;
            if (host.xsave && host.avx && avx_state)
                e.ecx |= kLeaf1EcxXsave | kLeaf1EcxAvx;
            xsave = e.ecx & kLeaf1EcxXsave;
        } else if (e.function == 0x80000001) {
            e.ecx &= ~kExtLeaf1EcxSvm;
        } else if (e.function == 7 && e.index == 0) {
            if (host.fsgsbase)
                e.ebx |= kLeaf7EbxFsgsbase;
            features.fsgsbase = e.ebx & kLeaf7EbxFsgsbase;
            features.smep = e.ebx & kLeaf7EbxSmep;
            features.smap = e.ebx & kLeaf7EbxSmap;
            features.umip = e.ecx & kLeaf7EcxUmip;
        }
    }
    if (xsave && avx_state) {
        features.xcr0 = kXcr0Base;
        if ((xcr0_supported & kXcr0Avx512) == kXcr0Avx512)
            features.xcr0 |= kXcr0Avx512;
    }
    return features;
}

Result<void> write_descriptor_tables(const GuestMemory& memory) {
    auto gdt = TRY(memory.bytes(Gpa(TENOR_HVT_GDT), 0x1000));
    auto idt = TRY(memory.bytes(Gpa(TENOR_HVT_IDT), 0x1000));
    auto tss = TRY(memory.bytes(Gpa(TENOR_HVT_TSS), TENOR_HVT_TSS_SIZE));
    auto code = TRY(memory.bytes(Gpa(TENOR_HVT_TRAP_CODE), 0x1000));

    const uint64_t tss_base = TENOR_HVT_TSS;
    // 64-bit TSS descriptor, busy, present (Intel SDM Vol. 3A, 8.2.3).
    uint64_t tss_low = (kTssLimit & 0xffff) | ((tss_base & 0xffffff) << 16) | (0x8bULL << 40) |
                       (((kTssLimit >> 16) & 0xf) << 48) | (((tss_base >> 24) & 0xff) << 56);
    uint64_t tss_high = tss_base >> 32;
    const uint64_t descriptors[] = {0, kKernelCode, kKernelData, kUserData, kUserCode, tss_low, tss_high};
    std::memset(gdt.data(), 0, gdt.size());
    std::memcpy(gdt.data(), descriptors, sizeof descriptors);

    std::memset(code.data(), 0xcc, code.size());
    std::memset(idt.data(), 0, idt.size());
    for (unsigned v = 0; v < kTrapVectors; v++) {
        write_stub(code.data() + v * kStubSize, v);
        write_gate(idt.data(), v, TENOR_HVT_TRAP_CODE + v * kStubSize);
    }

    std::memset(tss.data(), 0, tss.size());
    uint64_t rsp0 = TENOR_HVT_TRAP_STACK_TOP;
    std::memcpy(tss.data() + kTssRsp0, &rsp0, 8);
    uint16_t iomap = kTssIoMap;
    std::memcpy(tss.data() + kTssIoMapBaseField, &iomap, 2);
    uint8_t* bitmap = tss.data() + kTssIoMap;
    std::memset(bitmap, 0xff, kIoMapBytes + 1);
    for (unsigned port = kFirstGuestPort; port <= kLastGuestPort; port++)
        bitmap[port / 8] &= static_cast<uint8_t>(~(1U << (port % 8)));
    return Ok{};
}

kvm_sregs initial_sregs(const kvm_sregs& reset, Gpa page_table_root, const CpuFeatures& features) {
    kvm_sregs s = reset;
    s.cr0 = kCr0Pe | kCr0Mp | kCr0Et | kCr0Ne | kCr0Wp | kCr0Pg;
    s.cr3 = page_table_root.value();
    s.cr4 = kCr4Pae | kCr4Osfxsr | kCr4Osxmmexcpt;
    if (features.xcr0)
        s.cr4 |= kCr4Osxsave;
    if (features.fsgsbase)
        s.cr4 |= kCr4Fsgsbase;
    if (features.smep)
        s.cr4 |= kCr4Smep;
    if (features.smap)
        s.cr4 |= kCr4Smap;
    if (features.umip)
        s.cr4 |= kCr4Umip;
    s.efer = kEferLme | kEferLma | kEferNxe;

    s.cs = segment(TENOR_HVT_SEL_USER_CS, 0xb, 3, true);
    s.ss = s.ds = s.es = s.fs = s.gs = segment(TENOR_HVT_SEL_USER_DS, 0x3, 3, false);

    kvm_segment tr{};
    tr.base = TENOR_HVT_TSS;
    tr.limit = kTssLimit;
    tr.selector = TENOR_HVT_SEL_TSS;
    tr.type = 0xb;  // 64-bit TSS, busy
    tr.present = 1;
    s.tr = tr;
    s.ldt = kvm_segment{};
    s.ldt.unusable = 1;

    s.gdt.base = TENOR_HVT_GDT;
    s.gdt.limit = 7 * 8 - 1;
    s.idt.base = TENOR_HVT_IDT;
    s.idt.limit = kTrapVectors * 16 - 1;
    return s;
}

kvm_fpu initial_fpu() {
    kvm_fpu fpu{};
    fpu.fcw = 0x37f;     // FNINIT default: all exceptions masked, 64-bit precision
    fpu.mxcsr = 0x1f80;  // all SIMD exceptions masked, round to nearest
    return fpu;
}

}  // namespace tenor::hvt
