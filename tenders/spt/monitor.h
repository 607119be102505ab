// monitor.h: tenor-spt from validated options to the guest running in this process.
#pragma once

#include "common/cli.h"
#include "common/result.h"

namespace tenor::spt {

// Largest --mem tenor-spt accepts, in MiB: the same as tenor-hvt, so that
// a unikernel's --mem works under both.
inline constexpr uint64_t kMaxMemMib = 4094;

// Loads the unikernel, attaches its devices, locks the process down with
// the seccomp filter and runs the guest in it. Never returns on success:
// the guest's exit (or fault) ends the process with its status. An Error
// means the monitor refused to start the guest (status 1).
Result<void> run_unikernel(const Options& options);

}  // namespace tenor::spt
