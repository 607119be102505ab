// enter.h: the last step of tenor-spt: installing the seccomp filter and jumping into the guest.
#pragma once

#include <cstdint>
#include <vector>

#include "seccomp_filter.h"

namespace tenor::spt {

// Installs filters and enters the guest at entry with %rsp = stack_top and
// %rdi = the boot info. Never returns: the guest ends the process. If the
// filters cannot be installed, prints why (from the diagnostic buffer, the
// only stderr output a half-installed filter allows) and exits with 1.
[[noreturn]] void enter_guest(const std::vector<BpfProgram>& filters, uint64_t entry, uint64_t stack_top,
                              bool fsgsbase);

}  // namespace tenor::spt
