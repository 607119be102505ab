// fault.cc: names and explains x86 exceptions (Intel SDM Vol. 3A, 6.15).
#include "fault.h"

#include "common/format.h"

namespace tenor::hvt {

namespace {

constexpr unsigned kPageFault = 14;
constexpr unsigned kGeneralProtection = 13;

// Page-fault error code bits (Intel SDM Vol. 3A, 4.7).
constexpr uint64_t kPfPresent = 1 << 0;
constexpr uint64_t kPfWrite = 1 << 1;
constexpr uint64_t kPfReserved = 1 << 3;
constexpr uint64_t kPfFetch = 1 << 4;

std::string describe_page_fault(const TrapInfo& trap, const Layout& layout) {
    std::string access = (trap.error_code & kPfFetch)   ? "executing"
                         : (trap.error_code & kPfWrite) ? "writing"
                                                        : "reading";
    std::string cause = (trap.error_code & kPfReserved) ? "reserved bit set"
                        : (trap.error_code & kPfPresent) ? "protection violation"
                                                         : "not mapped";
    std::string text = "page fault " + access + " at " + hex(trap.cr2) + " (" + cause + ")";
    uint64_t guard = layout.guard_page();
    if (trap.cr2 >= guard && trap.cr2 < guard + kPageSize)
        text = "stack overflow: " + text + " in the guard page below the stack";
    else if (trap.cr2 < kPageSize)
        text += ": a null pointer dereference";
    return text;
}

}  // namespace

std::string exception_name(unsigned vector) {
    static const char* const names[] = {
        "divide error", "debug exception", "non-maskable interrupt", "breakpoint", "overflow",
        "bound range exceeded", "invalid opcode", "device not available", "double fault",
        "coprocessor segment overrun", "invalid TSS", "segment not present", "stack-segment fault",
        "general protection fault", "page fault", "reserved exception 15",
        "x87 floating-point error", "alignment check", "machine check",
        "SIMD floating-point exception", "virtualization exception", "control protection exception",
    };
    if (vector < sizeof names / sizeof names[0])
        return names[vector];
    return "exception " + std::to_string(vector);
}

std::string describe_trap(const TrapInfo& trap, const Layout& layout) {
    std::string text;
    if (trap.vector == kPageFault) {
        text = describe_page_fault(trap, layout);
    } else {
        text = exception_name(trap.vector);
        if (trap.vector == kGeneralProtection && trap.error_code != 0)
            text += " (selector/vector " + hex(trap.error_code) + ")";
    }
    return text + ", rip " + hex(trap.rip);
}

}  // namespace tenor::hvt
