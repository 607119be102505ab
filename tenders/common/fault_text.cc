// fault_text.cc: names and explains x86 exceptions (Intel SDM Vol. 3A, 6.15) for both monitors.
#include "fault_text.h"

namespace tenor {

namespace {

constexpr uint64_t kPageSize = 4096;

// Page-fault error code bits (Intel SDM Vol. 3A, 4.7).
constexpr uint64_t kPfPresent = 1 << 0;
constexpr uint64_t kPfWrite = 1 << 1;
constexpr uint64_t kPfReserved = 1 << 3;
constexpr uint64_t kPfFetch = 1 << 4;

const char* const kExceptionNames[] = {
    "divide error", "debug exception", "non-maskable interrupt", "breakpoint", "overflow",
    "bound range exceeded", "invalid opcode", "device not available", "double fault",
    "coprocessor segment overrun", "invalid TSS", "segment not present", "stack-segment fault",
    "general protection fault", "page fault", "reserved exception 15",
    "x87 floating-point error", "alignment check", "machine check",
    "SIMD floating-point exception", "virtualization exception", "control protection exception",
};

const char* access_text(FaultAccess access) {
    switch (access) {
    case FaultAccess::execute: return "executing";
    case FaultAccess::write: return "writing";
    case FaultAccess::read: break;
    }
    return "reading";
}

const char* cause_text(FaultCause cause) {
    switch (cause) {
    case FaultCause::reserved_bit: return "reserved bit set";
    case FaultCause::protection: return "protection violation";
    case FaultCause::not_mapped: break;
    }
    return "not mapped";
}

void describe_page_fault(const FaultReport& report, FixedText& text) {
    bool in_guard = report.address >= report.guard_page &&
                    report.address - report.guard_page < kPageSize && report.guard_page != 0;
    if (in_guard)
        text.add("stack overflow: ");
    text.add("page fault ").add(access_text(report.access)).add(" at ").add_hex(report.address);
    text.add(" (").add(cause_text(report.cause)).add(")");
    if (in_guard)
        text.add(" in the guard page below the stack");
    else if (report.address < kPageSize)
        text.add(": a null pointer dereference");
}

}  // namespace

FaultAccess page_fault_access(uint64_t error_code) {
    if (error_code & kPfFetch)
        return FaultAccess::execute;
    return (error_code & kPfWrite) ? FaultAccess::write : FaultAccess::read;
}

FaultCause page_fault_cause(uint64_t error_code) {
    if (error_code & kPfReserved)
        return FaultCause::reserved_bit;
    return (error_code & kPfPresent) ? FaultCause::protection : FaultCause::not_mapped;
}

const char* exception_name_or_null(unsigned vector) {
    if (vector < sizeof kExceptionNames / sizeof kExceptionNames[0])
        return kExceptionNames[vector];
    return nullptr;
}

size_t describe_fault(const FaultReport& report, char* buf, size_t size) {
    FixedText text(buf, size);
    if (report.vector == kVectorPageFault) {
        describe_page_fault(report, text);
    } else if (const char* name = exception_name_or_null(report.vector)) {
        text.add(name);
        if (report.vector == kVectorGeneralProtection && report.error_code != 0)
            text.add(" (selector/vector ").add_hex(report.error_code).add(")");
    } else {
        text.add("exception ").add_decimal(report.vector);
    }
    text.add(", rip ").add_hex(report.rip);
    return text.length();
}

FixedText& FixedText::add_char(char c) {
    // One byte stays free for the terminating NUL.
    if (length_ + 1 < size_) {
        buf_[length_++] = c;
        buf_[length_] = '\0';
    }
    return *this;
}

FixedText& FixedText::add(const char* text) {
    for (; *text != '\0'; text++)
        add_char(*text);
    return *this;
}

FixedText& FixedText::add_hex(uint64_t value) {
    char digits[16];
    int n = 0;
    do {
        digits[n++] = "0123456789abcdef"[value & 0xf];
        value >>= 4;
    } while (value != 0);
    add("0x");
    while (n > 0)
        add_char(digits[--n]);
    return *this;
}

FixedText& FixedText::add_decimal(uint64_t value) {
    char digits[20];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (n > 0)
        add_char(digits[--n]);
    return *this;
}

}  // namespace tenor
