// tap.h: opening a host tap interface (or an inherited tap descriptor) for a
// network device, with errors that say how to create or fix the interface.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "fd.h"
#include "result.h"

namespace tenor {

struct Tap {
    UniqueFd fd;        // non-blocking, IFF_TAP | IFF_NO_PI
    std::string ifname;
    uint64_t mtu;       // from the interface, excluding the Ethernet header
};

// spec is an interface name ("tap0") or "@FD" for an inherited descriptor.
// The interface must exist and be up.
Result<Tap> open_tap(const std::string& device, const std::string& spec);

// A random locally administered unicast MAC (first byte x2, x6, xa or xe).
std::array<uint8_t, 6> random_mac();

}  // namespace tenor
