// spt.h: state of the spt bindings that outlives start-up.
#ifndef TENOR_BINDINGS_SPT_SPT_H
#define TENOR_BINDINGS_SPT_SPT_H

#include <stdint.h>

namespace tenor::bindings::spt {

// boot_info.flags (TENOR_SPT_BOOT_*), as the monitor passed them.
uint32_t boot_flags();

// The host vDSO's clock_gettime, or 0 when the bindings make the system call.
uint64_t vdso_clock_gettime();

}  // namespace tenor::bindings::spt

#endif
