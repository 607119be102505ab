// format.h: small formatting helpers for user-facing messages.
#pragma once

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

namespace tenor {

// 0x-prefixed lower-case hexadecimal, as messages print addresses.
inline std::string hex(uint64_t value) {
    char buf[24];
    snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(value));
    return buf;
}

// The text for an errno value, e.g. "No such file or directory".
inline std::string errno_text(int err = errno) { return std::strerror(err); }

}  // namespace tenor
