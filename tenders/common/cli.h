// cli.h: the monitors' shared command line (Solo5 conventions:
// /work/shared/reference/solo5-api.md section 3).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "result.h"

namespace tenor {

struct Options {
    uint64_t mem_mib = 512;
    std::map<std::string, std::string> nets;            // name -> IFACE or @FD
    std::map<std::string, std::array<uint8_t, 6>> net_macs;
    std::map<std::string, std::string> blocks;          // name -> path
    std::map<std::string, uint64_t> block_sector_sizes;
    std::string kernel;
    std::vector<std::string> guest_args;
    bool help = false;
    bool version = false;
};

// Parses argv (without argv[0]). max_mem_mib bounds --mem for this monitor.
Result<Options> parse_options(const std::vector<std::string>& args, uint64_t max_mem_mib);

// The guest command line: the arguments after KERNEL joined with single spaces.
std::string join_guest_args(const std::vector<std::string>& args);

// Parses "xx:xx:xx:xx:xx:xx" (hex digits, either case) into a unicast MAC.
Result<std::array<uint8_t, 6>> parse_mac(const std::string& text);

// Usage text for a monitor named prog.
std::string usage_text(const std::string& prog);

}  // namespace tenor
