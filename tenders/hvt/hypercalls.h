// hypercalls.h: serving the guest's hypercalls. Every argument is hostile:
// addresses and lengths reach host memory only through GuestMemory.
#pragma once

#include <csignal>
#include <cstdint>

#include "common/attach.h"
#include "common/guest_memory.h"
#include "common/result.h"

namespace tenor::hvt {

class Vcpu;
class NetBackend;

// What the monitor serves hypercalls with.
struct HypercallContext {
    const GuestMemory& memory;
    const AttachedDevices& devices;
    const Vcpu* vcpu;                       // for SET_FS_BASE; may be null in tests
    const volatile sig_atomic_t* stop_signal;  // non-zero once SIGINT/SIGTERM arrived
    NetBackend* net = nullptr;              // null when no NIC is attached
    int console_fd = 1;
};

struct HypercallOutcome {
    bool exit = false;   // the guest asked to stop
    int status = 0;      // its exit status
};

// Serves hypercall nr with its argument structure at arg. An Error stops
// the guest (exit status 1); its message names the hypercall and values.
Result<HypercallOutcome> handle_hypercall(const HypercallContext& context, unsigned nr, Gpa arg);

// The hypercall's name for messages, e.g. "PUTS".
const char* hypercall_name(unsigned nr);

}  // namespace tenor::hvt
