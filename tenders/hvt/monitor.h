// monitor.h: tenor-hvt from validated options to the guest's exit status.
#pragma once

#include "common/cli.h"
#include "common/result.h"

namespace tenor::hvt {

// Largest --mem tenor-hvt accepts, in MiB (hypercall arguments are 32-bit addresses).
inline constexpr uint64_t kMaxMemMib = 4094;

// Loads, boots and runs the unikernel; returns the exit status for the
// monitor process. An Error means the monitor refused or failed (status 1).
Result<int> run_unikernel(const Options& options);

}  // namespace tenor::hvt
