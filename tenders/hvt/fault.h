// fault.h: one-line descriptions of hvt guest exceptions for the user (wording in common/fault_text.h).
#pragma once

#include <cstdint>
#include <string>

#include "layout.h"

namespace tenor::hvt {

struct TrapInfo {
    unsigned vector;
    uint64_t error_code;
    uint64_t rip;
    uint64_t rsp;
    uint64_t cr2;   // faulting address, for page faults
};

// E.g. "page fault writing at 0x8 (not mapped), rip 0x100123".
std::string describe_trap(const TrapInfo& trap, const Layout& layout);

// The exception's name, e.g. "general protection fault" for vector 13.
std::string exception_name(unsigned vector);

}  // namespace tenor::hvt
