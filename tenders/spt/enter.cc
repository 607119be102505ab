// enter.cc: installs the seccomp filter and hands the process to the guest.
#include "enter.h"

#include <sys/syscall.h>

#include "common/fault_text.h"
#include "fault.h"
#include "raw_syscall.h"
#include "tenor/spt_abi.h"

extern "C" [[noreturn]] void tenor_spt_enter(uint64_t entry, uint64_t stack_top, uint64_t boot_info,
                                             uint64_t fsgsbase);

namespace tenor::spt {

namespace {

constexpr int kStatusMonitorError = 1;

// After the first filter only write(2, diagnostic buffer) and exit_group
// are sure to work.
[[noreturn]] void refuse_after_filter(long error) {
    FixedText text(diagnostic_buffer(), kDiagnosticSize);
    text.add("tenor-spt: cannot install the seccomp filter (errno ").add_decimal(static_cast<uint64_t>(-error));
    text.add("): the host kernel needs seccomp filters (CONFIG_SECCOMP_FILTER, Linux 4.14 or later)\n");
    raw_syscall(SYS_write, 2, reinterpret_cast<uint64_t>(diagnostic_buffer()), text.length());
    raw_syscall(SYS_exit_group, kStatusMonitorError);
    __builtin_unreachable();
}

}  // namespace

void enter_guest(const std::vector<BpfProgram>& filters, uint64_t entry, uint64_t stack_top, bool fsgsbase) {
    long rc = install_filters(filters);
    if (rc != 0)
        refuse_after_filter(rc);
    tenor_spt_enter(entry, stack_top, TENOR_SPT_BOOT_INFO, fsgsbase ? 1 : 0);
}

}  // namespace tenor::spt
