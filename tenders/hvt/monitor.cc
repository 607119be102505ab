// monitor.cc: validates the unikernel, attaches devices, boots the VM and
// runs the vCPU until the guest exits, faults or is stopped.
#include "monitor.h"

#include <csignal>
#include <cstdio>

#include "boot.h"
#include "common/attach.h"
#include "common/format.h"
#include "common/manifest.h"
#include "common/mapped_file.h"
#include "exits.h"
#include "fault.h"
#include "hypercalls.h"
#include "net.h"
#include "tenor/elf_abi.h"
#include "tenor/hvt_abi.h"

namespace tenor::hvt {

namespace {

volatile sig_atomic_t g_stop_signal = 0;
kvm_run* volatile g_run = nullptr;

void on_stop_signal(int signo) {
    g_stop_signal = signo;
    // Makes the current or next KVM_RUN return at once (KVM API, immediate_exit).
    if (kvm_run* run = g_run)
        run->immediate_exit = 1;
}

// SIGUSR1 comes from the network I/O thread: leave KVM_RUN and look.
void on_wake_signal(int) {
    if (kvm_run* run = g_run)
        run->immediate_exit = 1;
}

void install_signal_handlers() {
    struct sigaction action{};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: blocking calls return EINTR
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    action.sa_handler = on_wake_signal;
    sigaction(SIGUSR1, &action, nullptr);
}

// Exit statuses of the monitor itself (docs/architecture.md).
constexpr int kStatusFault = 255;
constexpr int kStatusSignalBase = 128;

int report_fault(const std::string& what) {
    fprintf(stderr, "tenor-hvt: guest fault: %s\n", what.c_str());
    return kStatusFault;
}

// A ring-0 trap stub reported an exception: read the frame it left.
Result<int> handle_trap(const BootedVm& vm, uint32_t vector) {
    auto sregs = TRY(vm.vcpu.sregs());
    auto regs = TRY(vm.vcpu.regs());
    // Only the stubs run at CPL0, and only they can reach the trap port.
    if (sregs.cs.dpl != 0 || regs.rsp < TENOR_HVT_TRAP_STACK || regs.rsp >= TENOR_HVT_TRAP_STACK_TOP)
        return fail("trap report from outside the trap stubs (cs ", hex(sregs.cs.selector),
                    ", rsp ", hex(regs.rsp), ")");
    auto frame = TRY(vm.memory.read<tenor_hvt_trap_frame>(Gpa(regs.rsp)));
    TrapInfo trap{vector, frame.error_code, frame.rip, frame.rsp, sregs.cr2};
    return report_fault(describe_trap(trap, vm.layout));
}

Result<int> handle_shutdown(const BootedVm& vm) {
    auto regs = TRY(vm.vcpu.regs());
    auto sregs = TRY(vm.vcpu.sregs());
    return report_fault("triple fault (an exception could not be delivered), rip " + hex(regs.rip) +
                        ", rsp " + hex(regs.rsp) + ", cr2 " + hex(sregs.cr2));
}

// One exit: a status when the run is over, nullopt to continue.
Result<std::optional<int>> handle_exit(const BootedVm& vm, const HypercallContext& context) {
    DecodedExit exit = decode_exit(*vm.vcpu.run_area(), vm.memory.size());
    switch (exit.kind) {
    case ExitKind::kHypercall: {
        auto outcome = TRY(handle_hypercall(context, exit.hypercall, Gpa(exit.value)));
        if (outcome.exit)
            return std::optional<int>(outcome.status);
        return std::optional<int>();
    }
    case ExitKind::kTrap:
        return std::optional<int>(TRY(handle_trap(vm, exit.value)));
    case ExitKind::kShutdown:
        return std::optional<int>(TRY(handle_shutdown(vm)));
    case ExitKind::kGuestMemory: {
        auto regs = TRY(vm.vcpu.regs());
        // PVM hosts report writes to host-protected guest pages this way.
        return std::optional<int>(report_fault("protection fault: " + exit.detail + ", rip " + hex(regs.rip)));
    }
    case ExitKind::kEmulationFailed: {
        auto regs = TRY(vm.vcpu.regs());
        return std::optional<int>(report_fault("KVM could not emulate the instruction at rip " +
                                               hex(regs.rip) + " (" + exit.detail + ")"));
    }
    case ExitKind::kBadPort:
        return fail("unknown hypercall port: the unikernel made an ", exit.detail,
                    ", which the hvt ABI does not define");
    case ExitKind::kMmio:
        return fail("the unikernel accessed ", exit.detail, " outside its memory");
    case ExitKind::kEntryFailed:
    case ExitKind::kUnexpected:
        return fail(exit.detail);
    }
    return fail("unhandled exit");
}

Result<std::unique_ptr<NetBackend>> start_network(const BootedVm& vm, const AttachedDevices& devices,
                                                  const Manifest& manifest) {
    if (vm.nic_rings.empty())
        return std::unique_ptr<NetBackend>();
    std::vector<NicConfig> nics;
    for (const NicRings& rings : vm.nic_rings) {
        const mft_entry& entry = manifest.get()->e[rings.handle];
        nics.push_back({rings.handle, entry.name, devices.nets[rings.handle]->fd.get(),
                        entry.u.net_basic.mtu, rings.tx_ring});
    }
    auto backend = TRY(NetBackend::create(vm.memory, std::move(nics), vm.vm.fd()));
    TRY_VOID(backend->start(pthread_self(), vm.vcpu.run_area()));
    return backend;
}

Result<int> run_vcpu(const BootedVm& vm, const AttachedDevices& devices, const Manifest& manifest) {
    g_run = vm.vcpu.run_area();
    install_signal_handlers();
    auto net = TRY(start_network(vm, devices, manifest));
    HypercallContext context{vm.memory, devices, &vm.vcpu, &g_stop_signal, net.get()};
    for (;;) {
        if (g_stop_signal)
            break;
        if (net && net->failed())
            return fail(net->failure());
        bool ran = TRY(vm.vcpu.run());
        if (!ran) {
            vm.vcpu.run_area()->immediate_exit = 0;
            continue;
        }
        auto status = TRY(handle_exit(vm, context));
        if (status)
            return *status;
    }
    int signo = g_stop_signal;
    fprintf(stderr, "tenor-hvt: stopped the unikernel on %s (exit status %d)\n",
            signo == SIGINT ? "SIGINT" : "SIGTERM", kStatusSignalBase + signo);
    return kStatusSignalBase + signo;
}

}  // namespace

Result<int> run_unikernel(const Options& options) {
    auto file = TRY(MappedFile::open(options.kernel));
    auto abi = check_abi(file.bytes(), ABI_TARGET_TENOR_HVT, TENOR_HVT_ABI_VERSION);
    if (!abi)
        return fail(options.kernel, ": ", abi.error().message);
    auto manifest = read_manifest(file.bytes());
    if (!manifest)
        return fail(options.kernel, ": ", manifest.error().message);
    AttachedDevices devices = TRY(attach_devices(*manifest, options));

    BootRequest request{file.bytes(), options.mem_mib << 20, join_guest_args(options.guest_args),
                        &*manifest};
    auto vm = boot_vm(request);
    if (!vm)
        return fail(options.kernel, ": ", vm.error().message);
    return run_vcpu(*vm, devices, *manifest);
}

}  // namespace tenor::hvt
