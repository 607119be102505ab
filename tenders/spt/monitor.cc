// monitor.cc: validates the unikernel, attaches devices, maps and loads the guest, builds the
// seccomp filter from the manifest, and enters the guest.
#include "monitor.h"

#include "boot.h"
#include "common/attach.h"
#include "common/manifest.h"
#include "common/mapped_file.h"
#include "enter.h"
#include "fault.h"
#include "host.h"
#include "seccomp_filter.h"
#include "tenor/elf_abi.h"
#include "tenor/spt_abi.h"

namespace tenor::spt {

namespace {

// What is left to do once the kernel file has been copied and closed.
struct PreparedGuest {
    Guest guest;
    std::vector<BpfProgram> filters;
};

SeccompPolicy policy_for(const Manifest& manifest, const HostFeatures& host) {
    SeccompPolicy policy;
    for (const ManifestDevice& device : manifest.devices) {
        const mft_entry& entry = manifest.get()->e[device.index];
        if (device.type == MFT_DEV_NET_BASIC)
            policy.net_fds.push_back(entry.b.hostfd);
        else
            policy.blocks.push_back({entry.b.hostfd, entry.u.block_basic.capacity,
                                     entry.u.block_basic.block_size});
    }
    policy.diagnostic_buffer = reinterpret_cast<uint64_t>(diagnostic_buffer());
    policy.diagnostic_size = kDiagnosticSize;
    policy.arch_prctl_set_fs = !host.fsgsbase;
    return policy;
}

Result<PreparedGuest> prepare(const Options& options, const HostFeatures& host, AttachedDevices& devices) {
    auto file = TRY(MappedFile::open(options.kernel));
    auto abi = check_abi(file.bytes(), ABI_TARGET_TENOR_SPT, TENOR_SPT_ABI_VERSION);
    if (!abi)
        return fail(options.kernel, ": ", abi.error().message);
    auto manifest = read_manifest(file.bytes());
    if (!manifest)
        return fail(options.kernel, ": ", manifest.error().message);
    devices = TRY(attach_devices(*manifest, options));

    BootRequest request{file.bytes(), options.mem_mib << 20, join_guest_args(options.guest_args),
                        &*manifest, host};
    auto guest = boot_guest(request);
    if (!guest)
        return fail(options.kernel, ": ", guest.error().message);
    auto filters = TRY(compile_policy(policy_for(*manifest, host)));
    return PreparedGuest{std::move(*guest), std::move(filters)};
}

}  // namespace

Result<void> run_unikernel(const Options& options) {
    HostFeatures host = detect_host();
    // The devices stay open for the guest: nothing here is ever destroyed.
    AttachedDevices devices;
    PreparedGuest prepared = TRY(prepare(options, host, devices));
    TRY_VOID(install_signal_handlers(fault_context(prepared.guest.layout), host.monitor_fs_base,
                                     host.fsgsbase));
    prepared.guest.memory.release();
    enter_guest(prepared.filters, prepared.guest.entry, prepared.guest.layout.stack_top, host.fsgsbase);
}

}  // namespace tenor::spt
