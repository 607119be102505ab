// kvm_floor.cc: the floor for tenor-hvt's start-up time: the smallest KVM lifecycle, a VM with one page and one vCPU that runs one `hlt`.
//
// It uses tenor's own RAII wrappers for /dev/kvm, the VM, the vCPU and guest
// memory, so that the only difference from tenor-hvt is the work tenor-hvt
// does on top: loading and checking the unikernel, page tables, descriptor
// tables, CPUID, and the guest's own run.
#include <linux/kvm.h>

#include <cstdio>

#include "common/guest_memory.h"
#include "common/result.h"
#include "hvt/kvm.h"

namespace tenor::bench {

namespace {

constexpr uint64_t kGuestBytes = 4096;
constexpr uint8_t kHlt = 0xf4;

// Starts the vCPU in real mode at address 0, where the `hlt` is. The reset
// state already is real mode; only CS:IP moves away from the reset vector
// (Intel SDM Vol. 3A, "First Instruction Executed").
Result<void> point_at_address_zero(const hvt::Vcpu& vcpu) {
    kvm_sregs sregs = TRY(vcpu.sregs());
    sregs.cs.base = 0;
    sregs.cs.selector = 0;
    TRY_VOID(vcpu.set_sregs(sregs));
    kvm_regs regs{};
    regs.rip = 0;
    regs.rflags = 0x2;  // bit 1 is reserved and always set
    return vcpu.set_regs(regs);
}

Result<void> run_to_hlt(const hvt::Vcpu& vcpu) {
    // KVM_RUN returns early, with no exit to look at, when a signal arrives.
    while (!TRY(vcpu.run())) {
    }
    uint32_t reason = vcpu.run_area()->exit_reason;
    if (reason != KVM_EXIT_HLT)
        return fail("the vCPU stopped with KVM exit reason ", reason, " instead of KVM_EXIT_HLT (",
                    KVM_EXIT_HLT, "): this host's KVM cannot run a real-mode guest");
    return Ok{};
}

Result<void> run_floor() {
    hvt::Kvm kvm = TRY(hvt::Kvm::open());
    hvt::Vm vm = TRY(hvt::Vm::create(kvm));
    GuestMemory memory = TRY(GuestMemory::create(kGuestBytes));
    TRY_VOID(memory.write(Gpa(0), kHlt));
    TRY_VOID(vm.set_memory(memory.host_base(), memory.size()));
    hvt::Vcpu vcpu = TRY(hvt::Vcpu::create(kvm, vm));
    TRY_VOID(point_at_address_zero(vcpu));
    return run_to_hlt(vcpu);
}

}  // namespace

}  // namespace tenor::bench

int main() {
    auto done = tenor::bench::run_floor();
    if (!done) {
        fprintf(stderr, "kvm_floor: %s\n", done.error().message.c_str());
        return 1;
    }
    return 0;
}
