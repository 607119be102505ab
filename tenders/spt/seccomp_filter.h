// seccomp_filter.h: turning the spt policy into BPF with libseccomp, and installing it last.
#pragma once

#include <linux/filter.h>

#include <vector>

#include "common/result.h"
#include "seccomp_policy.h"

namespace tenor::spt {

using BpfProgram = std::vector<sock_filter>;

// The kernel's limit on one filter program (BPF_MAXINSNS).
inline constexpr size_t kMaxFilterInstructions = 4096;

// Compiles rules into one filter for x86_64 whose default, and whose
// verdict for any other architecture (32-bit and x32 system calls), is to
// kill the whole process.
Result<BpfProgram> compile_rules(const std::vector<SyscallRule>& rules);

// libseccomp's time to build a filter grows much faster than its rule
// count (about 10 ms for 200 rules, 3 s for 1500): policies with more
// block I/O rules than this are split into several filters.
inline constexpr size_t kMaxBlockRulesPerFilter = 192;

// The filters that enforce policy, in the order to install them: one if
// its block I/O rules are few enough, else one per group of block devices
// and then the main filter (see block_group_rules()).
Result<std::vector<BpfProgram>> compile_policy(const SeccompPolicy& policy);

// Sets no_new_privs and installs the filters, the first one first. Makes
// only raw system calls and touches neither errno nor TLS, so that it may
// run when the FS base no longer belongs to the monitor. Returns 0 or a
// negative errno; once one filter is in, a failure leaves the others out
// but the process can only exit.
long install_filters(const std::vector<BpfProgram>& filters);

}  // namespace tenor::spt
