// boot.cc: everything between a validated unikernel and the first KVM_RUN.
#include "boot.h"

#include <sys/random.h>

#include <cstring>
#include <optional>
#include <thread>

#include "common/format.h"
#include "cpu.h"
#include "paging.h"
#include "tenor/elf_abi.h"
#include "tenor/hvt_abi.h"

namespace tenor::hvt {

namespace {

Result<void> build_page_tables(const GuestMemory& memory, const Layout& layout, Gpa* root) {
    auto builder = TRY(PageTableBuilder::create(memory, Gpa(TENOR_HVT_PAGE_TABLES),
                                                Gpa(TENOR_HVT_PAGE_TABLES_END)));
    for (const Region& region : layout.regions) {
        if (region.end > region.start)
            TRY_VOID(builder.map(region.start, region.end - region.start, region.perms));
    }
    *root = builder.root();
    return Ok{};
}

Result<void> write_guest_data(const GuestMemory& memory, const BootRequest& request,
                              const Layout& layout, const CpuFeatures& features, uint64_t tsc_hz) {
    if (request.cmdline.size() >= TENOR_HVT_CMDLINE_SIZE)
        return fail("the guest command line is ", request.cmdline.size(), " bytes: at most ",
                    TENOR_HVT_CMDLINE_SIZE - 1, " fit; shorten the arguments");
    auto cmdline = TRY(memory.bytes(Gpa(TENOR_HVT_CMDLINE), request.cmdline.size() + 1));
    std::memcpy(cmdline.data(), request.cmdline.c_str(), request.cmdline.size() + 1);

    const auto& raw = request.manifest->raw;
    if (raw.size() > TENOR_HVT_MANIFEST_SIZE)
        return fail("the manifest is ", raw.size(), " bytes, larger than the ABI allows");
    auto mft = TRY(memory.bytes(Gpa(TENOR_HVT_MANIFEST), raw.size()));
    std::memcpy(mft.data(), raw.data(), raw.size());

    tenor_hvt_boot_info info{};
    info.magic = TENOR_HVT_BOOT_MAGIC;
    info.abi_version = TENOR_HVT_ABI_VERSION;
    info.flags = features.fsgsbase ? TENOR_HVT_BOOT_FSGSBASE : 0;
    info.mem_size = layout.mem_size;
    info.kernel_end = layout.kernel_end;
    info.heap_start = layout.heap_start;
    info.heap_size = layout.heap_end - layout.heap_start;
    info.stack_top = layout.stack_top;
    info.stack_size = layout.stack_top - layout.stack_bottom;
    info.cmdline = TENOR_HVT_CMDLINE;
    info.mft = TENOR_HVT_MANIFEST;
    TscScale scale = tsc_scale(tsc_hz);
    info.tsc_mult = scale.mult;
    info.tsc_shift = scale.shift;
    info.tsc_hz = tsc_hz;
    if (getrandom(info.entropy, sizeof info.entropy, 0) != sizeof info.entropy)
        return fail("cannot read random bytes for the guest: ", errno_text());
    return memory.write(Gpa(TENOR_HVT_BOOT_INFO), info);
}

struct GuestCpuid {
    std::vector<kvm_cpuid_entry2> entries;
    CpuFeatures features;
    std::optional<Error> error;
};

// Querying KVM's CPUID (and the host's) costs hundreds of microseconds on
// nested hosts, where every CPUID traps: boot_vm runs this on a second
// thread while it creates the VM.
void prepare_cpuid(const Kvm& kvm, GuestCpuid& cpuid) {
    auto entries = kvm.supported_cpuid();
    if (!entries) {
        cpuid.error = entries.error();
        return;
    }
    cpuid.entries = std::move(*entries);
    cpuid.features = adjust_cpuid(cpuid.entries, host_cpu());
}

Result<CpuFeatures> set_up_cpu(const Vcpu& vcpu, const GuestCpuid& cpuid) {
    const CpuFeatures& features = cpuid.features;
    TRY_VOID(vcpu.set_cpuid(cpuid.entries));
    if (features.xcr0)
        TRY_VOID(vcpu.set_xcr0(features.xcr0));
    TRY_VOID(vcpu.set_fpu(initial_fpu()));
    return features;
}

uint64_t net_ring_bytes(const Manifest& manifest) {
    uint64_t total = 0;
    for (const ManifestDevice& device : manifest.devices) {
        if (device.type == MFT_DEV_NET_BASIC)
            total += 2 * tenor_hvt_net_ring_size(manifest.get()->e[device.index].u.net_basic.mtu);
    }
    return total;
}

// Gives each NIC its pair of rings, in manifest order, and tells the guest
// where they are through the manifest entry's private field.
std::vector<NicRings> place_net_rings(Manifest& manifest, const Layout& layout) {
    std::vector<NicRings> rings;
    uint64_t next = layout.net_rings;
    for (const ManifestDevice& device : manifest.devices) {
        if (device.type != MFT_DEV_NET_BASIC)
            continue;
        mft_entry& entry = manifest.get()->e[device.index];
        entry.b.reserved = next;
        rings.push_back({device.index, Gpa(next)});
        next += 2 * tenor_hvt_net_ring_size(entry.u.net_basic.mtu);
    }
    return rings;
}

}  // namespace

TscScale tsc_scale(uint64_t tsc_hz) {
    // 32 fractional bits keep the error below one part in 2^32 for any
    // frequency above 1 Hz; the guest multiplies in 128 bits.
    constexpr uint32_t kShift = 32;
    unsigned __int128 mult = (static_cast<unsigned __int128>(1000000000ULL) << kShift) / tsc_hz;
    return {static_cast<uint64_t>(mult), kShift};
}

Result<void> load_segments(const GuestMemory& memory, std::span<const uint8_t> file,
                           const ElfImage& image) {
    for (const ElfSegment& segment : image.loads) {
        // parse_elf checked the file range; the guest range is checked here.
        auto target = TRY(memory.bytes(Gpa(segment.vaddr), segment.memsz));
        std::memcpy(target.data(), file.data() + segment.offset, segment.filesz);
        // Fresh anonymous memory is already zero: the .bss tail is left untouched.
    }
    return Ok{};
}

Result<BootedVm> boot_vm(const BootRequest& request) {
    ElfLoadLimits limits{TENOR_HVT_KERNEL_BASE, request.mem_size};
    ElfImage image = TRY(parse_elf(request.kernel_file, limits));
    Layout layout = TRY(plan_layout(request.mem_size, image, net_ring_bytes(*request.manifest)));
    std::vector<NicRings> nic_rings = place_net_rings(*request.manifest, layout);

    Kvm kvm = TRY(Kvm::open());
    // Joined below, or by its destructor on an early return, before kvm and
    // the result go away.
    GuestCpuid guest_cpuid;
    std::jthread cpuid_thread([&guest_cpuid, &kvm] { prepare_cpuid(kvm, guest_cpuid); });
    Vm vm = TRY(Vm::create(kvm));
    GuestMemory memory = TRY(GuestMemory::create(request.mem_size));
    TRY_VOID(vm.set_memory(memory.host_base(), memory.size()));
    // Huge pages pay off for memory a workload grows into; the first 2 MiB
    // of heap, touched by every boot, keep small pages so that start-up does
    // not zero whole 2 MiB pages it barely uses.
    uint64_t heap_bulk = layout.heap_start + (2 << 20);
    if (layout.heap_end > heap_bulk)
        memory.advise_huge_pages(Gpa(heap_bulk), layout.heap_end - heap_bulk);
    Vcpu vcpu = TRY(Vcpu::create(kvm, vm));

    TRY_VOID(load_segments(memory, request.kernel_file, image));
    Gpa root(0);
    TRY_VOID(build_page_tables(memory, layout, &root));
    TRY_VOID(write_descriptor_tables(memory));
    cpuid_thread.join();
    if (guest_cpuid.error)
        return *guest_cpuid.error;
    CpuFeatures features = TRY(set_up_cpu(vcpu, guest_cpuid));
    uint64_t tsc_hz = TRY(vcpu.tsc_khz()) * 1000;
    TRY_VOID(write_guest_data(memory, request, layout, features, tsc_hz));

    auto reset = TRY(vcpu.sregs());
    TRY_VOID(vcpu.set_sregs(initial_sregs(reset, root, features)));
    kvm_regs regs{};
    regs.rip = image.entry;
    regs.rsp = layout.stack_top;
    regs.rdi = TENOR_HVT_BOOT_INFO;
    regs.rflags = 0x2;  // reserved bit 1; IF=0, IOPL=0: only the TSS bitmap grants I/O
    TRY_VOID(vcpu.set_regs(regs));
    return BootedVm{std::move(kvm),    std::move(vm),     std::move(memory),
                    std::move(vcpu),   std::move(layout), std::move(nic_rings)};
}

}  // namespace tenor::hvt
