// tls.cc: solo5_set_tls_base() on hvt: wrfsbase when the monitor enabled it, else a hypercall.
#include "common/bindings.h"
#include "hvt.h"
#include "hypercall.h"
#include "x86_64/cpu.h"

using namespace tenor::bindings;

extern "C" solo5_result_t solo5_set_tls_base(uintptr_t base) {
    // wrfsbase faults on a non-canonical address; refuse it on both paths alike.
    if (!x86_64::is_canonical(base))
        return SOLO5_R_EINVAL;
    if ((hvt::boot_flags() & TENOR_HVT_BOOT_FSGSBASE) != 0) {
        x86_64::wrfsbase(base);
        return SOLO5_R_OK;
    }
    struct tenor_hvt_hc_set_fs_base args = {base};
    hvt::hypercall(TENOR_HVT_HC_SET_FS_BASE, &args);
    return SOLO5_R_OK;
}
