// hvt.h: state of the hvt bindings that outlives start-up.
#ifndef TENOR_BINDINGS_HVT_HVT_H
#define TENOR_BINDINGS_HVT_HVT_H

#include <stdint.h>

namespace tenor::bindings::hvt {

// boot_info.flags (TENOR_HVT_BOOT_*), as the monitor passed them.
uint32_t boot_flags();

}  // namespace tenor::bindings::hvt

#endif
