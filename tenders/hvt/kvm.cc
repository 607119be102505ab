// kvm.cc: KVM system, VM and vCPU set-up, each ioctl failure a clear error.
#include "kvm.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "common/format.h"

namespace tenor::hvt {

namespace {

// Capabilities tenor-hvt relies on, with what each is for.
struct Capability {
    int id;
    const char* name;
};
constexpr Capability kRequiredCaps[] = {
    {KVM_CAP_USER_MEMORY, "KVM_CAP_USER_MEMORY (guest memory from the monitor)"},
    {KVM_CAP_EXT_CPUID, "KVM_CAP_EXT_CPUID (CPUID for the guest)"},
    {KVM_CAP_GET_TSC_KHZ, "KVM_CAP_GET_TSC_KHZ (the guest's TSC frequency)"},
    {KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT (stopping the guest on a signal)"},
    {KVM_CAP_XCRS, "KVM_CAP_XCRS (AVX state for the guest)"},
};

// struct kvm_cpuid2 as the kernel lays it out. The uapi header's
// flexible-array macro gives the struct a different size and entry offset
// when compiled as C++, so the ioctl numbers are spelt with this layout.
struct CpuidHeader {
    uint32_t nent;
    uint32_t padding;
};
static_assert(sizeof(CpuidHeader) == 8);
constexpr unsigned long kGetSupportedCpuid = _IOWR(KVMIO, 0x05, CpuidHeader);
constexpr unsigned long kSetCpuid2 = _IOW(KVMIO, 0x90, CpuidHeader);

// A kvm_cpuid2 buffer: the header followed by n entries.
std::vector<uint8_t> cpuid_buffer(uint32_t n) {
    std::vector<uint8_t> buf(sizeof(CpuidHeader) + n * sizeof(kvm_cpuid_entry2));
    CpuidHeader header{n, 0};
    std::memcpy(buf.data(), &header, sizeof header);
    return buf;
}

kvm_cpuid_entry2* cpuid_entries(std::vector<uint8_t>& buf) {
    return reinterpret_cast<kvm_cpuid_entry2*>(buf.data() + sizeof(CpuidHeader));
}

Error ioctl_error(const char* what) {
    return fail("KVM ", what, " failed: ", errno_text());
}

}  // namespace

Result<Kvm> Kvm::open(const char* path) {
    UniqueFd fd(::open(path, O_RDWR | O_CLOEXEC));
    if (!fd.valid()) {
        int err = errno;
        if (err == ENOENT)
            return fail(path, " does not exist: this host has no KVM; enable virtualization "
                        "in the firmware and load the kvm module (modprobe kvm_intel or kvm_amd)");
        if (err == EACCES || err == EPERM)
            return fail("no permission to open ", path, ": add your user to the 'kvm' group "
                        "or run as root");
        return fail("cannot open ", path, ": ", errno_text(err));
    }
    int version = ioctl(fd.get(), KVM_GET_API_VERSION, 0);
    if (version != KVM_API_VERSION)
        return fail("KVM API version ", version, " is not the supported version ",
                    KVM_API_VERSION, ": this kernel's KVM is not usable");
    for (const Capability& cap : kRequiredCaps) {
        if (ioctl(fd.get(), KVM_CHECK_EXTENSION, cap.id) <= 0)
            return fail("KVM lacks ", cap.name, ": upgrade the host kernel");
    }
    int size = ioctl(fd.get(), KVM_GET_VCPU_MMAP_SIZE, 0);
    if (size < static_cast<int>(sizeof(kvm_run)))
        return ioctl_error("KVM_GET_VCPU_MMAP_SIZE");
    return Kvm(std::move(fd), size);
}

Result<std::vector<kvm_cpuid_entry2>> Kvm::supported_cpuid() const {
    for (uint32_t n = 64; n <= 4096; n *= 2) {
        std::vector<uint8_t> buf = cpuid_buffer(n);
        if (ioctl(fd_.get(), kGetSupportedCpuid, buf.data()) == 0) {
            CpuidHeader header;
            std::memcpy(&header, buf.data(), sizeof header);
            kvm_cpuid_entry2* entries = cpuid_entries(buf);
            return std::vector<kvm_cpuid_entry2>(entries, entries + std::min(header.nent, n));
        }
        if (errno != E2BIG)
            break;
    }
    return ioctl_error("KVM_GET_SUPPORTED_CPUID");
}

Result<Vm> Vm::create(const Kvm& kvm) {
    UniqueFd fd;
    // KVM_CREATE_VM can fail transiently with EINTR.
    do {
        fd = UniqueFd(ioctl(kvm.fd(), KVM_CREATE_VM, 0));
    } while (!fd.valid() && errno == EINTR);
    if (!fd.valid())
        return ioctl_error("KVM_CREATE_VM");
    return Vm(std::move(fd));
}

Result<void> Vm::set_memory(void* host, uint64_t size) {
    kvm_userspace_memory_region region{};
    region.slot = 0;
    region.guest_phys_addr = 0;
    region.memory_size = size;
    region.userspace_addr = reinterpret_cast<uint64_t>(host);
    if (ioctl(fd_.get(), KVM_SET_USER_MEMORY_REGION, &region) < 0)
        return ioctl_error("KVM_SET_USER_MEMORY_REGION");
    return Ok{};
}

Result<Vcpu> Vcpu::create(const Kvm& kvm, const Vm& vm) {
    UniqueFd fd(ioctl(vm.fd(), KVM_CREATE_VCPU, 0));
    if (!fd.valid())
        return ioctl_error("KVM_CREATE_VCPU");
    void* run = mmap(nullptr, kvm.vcpu_mmap_size(), PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
    if (run == MAP_FAILED)
        return fail("cannot map the vCPU's kvm_run area: ", errno_text());
    return Vcpu(std::move(fd), static_cast<kvm_run*>(run), kvm.vcpu_mmap_size());
}

Vcpu::Vcpu(Vcpu&& other) noexcept
    : fd_(std::move(other.fd_)), run_(std::exchange(other.run_, nullptr)),
      run_size_(other.run_size_) {}

Vcpu::~Vcpu() {
    if (run_)
        munmap(run_, run_size_);
}

Result<kvm_regs> Vcpu::regs() const {
    kvm_regs regs{};
    if (ioctl(fd_.get(), KVM_GET_REGS, &regs) < 0)
        return ioctl_error("KVM_GET_REGS");
    return regs;
}

Result<void> Vcpu::set_regs(const kvm_regs& regs) const {
    if (ioctl(fd_.get(), KVM_SET_REGS, &regs) < 0)
        return ioctl_error("KVM_SET_REGS");
    return Ok{};
}

Result<kvm_sregs> Vcpu::sregs() const {
    kvm_sregs sregs{};
    if (ioctl(fd_.get(), KVM_GET_SREGS, &sregs) < 0)
        return ioctl_error("KVM_GET_SREGS");
    return sregs;
}

Result<void> Vcpu::set_sregs(const kvm_sregs& sregs) const {
    if (ioctl(fd_.get(), KVM_SET_SREGS, &sregs) < 0)
        return ioctl_error("KVM_SET_SREGS");
    return Ok{};
}

Result<void> Vcpu::set_cpuid(const std::vector<kvm_cpuid_entry2>& entries) const {
    std::vector<uint8_t> buf = cpuid_buffer(static_cast<uint32_t>(entries.size()));
    std::copy(entries.begin(), entries.end(), cpuid_entries(buf));
    if (ioctl(fd_.get(), kSetCpuid2, buf.data()) < 0)
        return ioctl_error("KVM_SET_CPUID2");
    return Ok{};
}

Result<void> Vcpu::set_fpu(const kvm_fpu& fpu) const {
    if (ioctl(fd_.get(), KVM_SET_FPU, &fpu) < 0)
        return ioctl_error("KVM_SET_FPU");
    return Ok{};
}

Result<void> Vcpu::set_xcr0(uint64_t value) const {
    kvm_xcrs xcrs{};
    xcrs.nr_xcrs = 1;
    xcrs.xcrs[0].xcr = 0;
    xcrs.xcrs[0].value = value;
    if (ioctl(fd_.get(), KVM_SET_XCRS, &xcrs) < 0)
        return ioctl_error("KVM_SET_XCRS");
    return Ok{};
}

Result<uint64_t> Vcpu::tsc_khz() const {
    int khz = ioctl(fd_.get(), KVM_GET_TSC_KHZ, 0);
    if (khz <= 0)
        return ioctl_error("KVM_GET_TSC_KHZ");
    return static_cast<uint64_t>(khz);
}

Result<bool> Vcpu::run() const {
    if (ioctl(fd_.get(), KVM_RUN, 0) < 0) {
        if (errno == EINTR || errno == EAGAIN)
            return false;
        return ioctl_error("KVM_RUN");
    }
    return true;
}

}  // namespace tenor::hvt
