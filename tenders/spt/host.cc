// host.cc: host feature detection from the auxiliary vector, without a system call where possible.
#include "host.h"

#include <asm/prctl.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdlib>

#include "vdso.h"

namespace tenor::spt {

namespace {

// HWCAP2_FSGSBASE (arch/x86/include/uapi/asm/hwcap2.h): the kernel set
// CR4.FSGSBASE and saves FS/GS across context switches itself.
constexpr unsigned long kHwcap2Fsgsbase = 1UL << 1;

uint64_t current_fs_base(bool fsgsbase) {
    uint64_t base = 0;
    if (fsgsbase)
        asm volatile("rdfsbase %0" : "=r"(base));
    else
        syscall(SYS_arch_prctl, ARCH_GET_FS, &base);
    return base;
}

}  // namespace

HostFeatures detect_host() {
    HostFeatures host;
    // TENOR_SPT_NO_FSGSBASE=1 takes the arch_prctl path on any host, so
    // that the tests cover it where the CPU has FSGSBASE.
    const char* no_fsgsbase = getenv("TENOR_SPT_NO_FSGSBASE");
    bool forced_off = no_fsgsbase != nullptr && no_fsgsbase[0] == '1';
    host.fsgsbase = !forced_off && (getauxval(AT_HWCAP2) & kHwcap2Fsgsbase) != 0;
    host.vdso_clock_gettime = vdso_clock_gettime();
    host.monitor_fs_base = current_fs_base(host.fsgsbase);
    return host;
}

}  // namespace tenor::spt
