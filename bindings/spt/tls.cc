// tls.cc: solo5_set_tls_base() on spt: wrfsbase where the host kernel allows it, else arch_prctl.
#include "common/bindings.h"
#include "spt.h"
#include "syscall.h"
#include "x86_64/cpu.h"

using namespace tenor::bindings;

extern "C" solo5_result_t solo5_set_tls_base(uintptr_t base) {
    // Both paths would fail on a non-canonical address; refuse it alike.
    if (!x86_64::is_canonical(base))
        return SOLO5_R_EINVAL;
    if ((spt::boot_flags() & TENOR_SPT_BOOT_FSGSBASE) != 0) {
        x86_64::wrfsbase(base);
        return SOLO5_R_OK;
    }
    long rc = spt::syscall4(TENOR_SPT_SYS_ARCH_PRCTL, TENOR_SPT_ARCH_SET_FS, base);
    return rc == 0 ? SOLO5_R_OK : SOLO5_R_EUNSPEC;
}
