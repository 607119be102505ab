// kvm.h: RAII owners of the KVM objects, one type per level: the KVM system
// descriptor, a VM, and a vCPU with its shared kvm_run area.
#pragma once

#include <linux/kvm.h>

#include <cstdint>
#include <vector>

#include "common/fd.h"
#include "common/result.h"

namespace tenor::hvt {

class Kvm {
public:
    // Opens /dev/kvm and checks the API version and every capability tenor-hvt uses.
    static Result<Kvm> open(const char* path = "/dev/kvm");

    int fd() const { return fd_.get(); }
    int vcpu_mmap_size() const { return vcpu_mmap_size_; }
    // The CPUID leaves KVM can present to a guest (KVM_GET_SUPPORTED_CPUID).
    Result<std::vector<kvm_cpuid_entry2>> supported_cpuid() const;

private:
    Kvm(UniqueFd fd, int mmap_size) : fd_(std::move(fd)), vcpu_mmap_size_(mmap_size) {}
    UniqueFd fd_;
    int vcpu_mmap_size_;
};

class Vm {
public:
    static Result<Vm> create(const Kvm& kvm);
    int fd() const { return fd_.get(); }
    // Maps host memory as guest-physical slot 0 at address 0.
    Result<void> set_memory(void* host, uint64_t size);

private:
    explicit Vm(UniqueFd fd) : fd_(std::move(fd)) {}
    UniqueFd fd_;
};

class Vcpu {
public:
    static Result<Vcpu> create(const Kvm& kvm, const Vm& vm);
    Vcpu(Vcpu&& other) noexcept;
    Vcpu& operator=(Vcpu&&) = delete;
    Vcpu(const Vcpu&) = delete;
    ~Vcpu();

    int fd() const { return fd_.get(); }
    kvm_run* run_area() const { return run_; }

    Result<kvm_regs> regs() const;
    Result<void> set_regs(const kvm_regs& regs) const;
    Result<kvm_sregs> sregs() const;
    Result<void> set_sregs(const kvm_sregs& sregs) const;
    Result<void> set_cpuid(const std::vector<kvm_cpuid_entry2>& entries) const;
    Result<void> set_fpu(const kvm_fpu& fpu) const;
    Result<void> set_xcr0(uint64_t value) const;
    Result<uint64_t> tsc_khz() const;
    // Runs the vCPU until the next exit. Returns false (not an error) when
    // interrupted by a signal.
    Result<bool> run() const;

private:
    Vcpu(UniqueFd fd, kvm_run* run, int size) : fd_(std::move(fd)), run_(run), run_size_(size) {}
    UniqueFd fd_;
    kvm_run* run_;
    int run_size_;
};

}  // namespace tenor::hvt
