// fault_text.h: the one-line description of a guest exception that every monitor prints, built
// without allocating so that a signal handler may build it too.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tenor {

// What a page fault tried to do and why it failed, in the guest's terms.
enum class FaultAccess { read, write, execute };
enum class FaultCause { not_mapped, protection, reserved_bit };

// One guest exception as the monitor learnt it (from a trap frame on hvt,
// from the signal's context on spt).
struct FaultReport {
    unsigned vector = 0;       // x86 exception vector (Intel SDM Vol. 3A, 6.15)
    uint64_t error_code = 0;   // the CPU's error code, for a general protection fault
    uint64_t rip = 0;
    // Page faults (vector 14) only:
    FaultAccess access = FaultAccess::read;
    FaultCause cause = FaultCause::not_mapped;
    uint64_t address = 0;      // the faulting address (CR2)
    uint64_t guard_page = 0;   // the unmapped page below the guest's stack
};

inline constexpr unsigned kVectorDivideError = 0;
inline constexpr unsigned kVectorBreakpoint = 3;
inline constexpr unsigned kVectorInvalidOpcode = 6;
inline constexpr unsigned kVectorGeneralProtection = 13;
inline constexpr unsigned kVectorPageFault = 14;

// The access and cause a page-fault error code states (Intel SDM Vol. 3A, 4.7).
FaultAccess page_fault_access(uint64_t error_code);
FaultCause page_fault_cause(uint64_t error_code);

// The exception's name, e.g. "general protection fault" for vector 13, or
// null for a vector without one.
const char* exception_name_or_null(unsigned vector);

// Writes the description into buf (always NUL-terminated when size > 0,
// cut to fit) and returns its length, e.g.
// "page fault writing at 0x8 (not mapped): a null pointer dereference, rip 0x100123".
// Async-signal-safe: no allocation, no locale, no errno, no TLS.
size_t describe_fault(const FaultReport& report, char* buf, size_t size);

// Appends text to a fixed buffer without allocating; async-signal-safe.
// The text is cut when the buffer is full and always stays NUL-terminated.
class FixedText {
public:
    FixedText(char* buf, size_t size) : buf_(buf), size_(size) {
        if (size_ > 0)
            buf_[0] = '\0';
    }

    FixedText& add(const char* text);
    FixedText& add_hex(uint64_t value);      // 0x-prefixed, lower case
    FixedText& add_decimal(uint64_t value);

    size_t length() const { return length_; }

private:
    FixedText& add_char(char c);

    char* buf_;
    size_t size_;
    size_t length_ = 0;
};

}  // namespace tenor
