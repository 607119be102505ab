// net.h: the poll over the acquired NICs that spt's solo5_yield() and platform_net_pending() share.
#ifndef TENOR_BINDINGS_SPT_NET_H
#define TENOR_BINDINGS_SPT_NET_H

#include <stdint.h>

#include "solo5.h"

namespace tenor::bindings::spt {

// Waits up to timeout_ns (0: only looks) for input on any acquired NIC and
// returns the handles that have some. With no NIC acquired it only sleeps.
solo5_handle_set_t poll_nics(uint64_t timeout_ns);

}  // namespace tenor::bindings::spt

#endif
