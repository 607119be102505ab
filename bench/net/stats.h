// stats.h: the pure logic of net_client: its command line and the summary of round-trip samples.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace tenor::bench {

enum class NetMode { rtt, pps, serve };

struct NetOptions {
    NetMode mode = NetMode::rtt;
    std::string address;      // IPv4, dotted
    uint16_t port = 7;        // UDP echo
    unsigned count = 5000;    // rtt: sequential requests
    unsigned window = 32;     // pps: requests kept in flight
    unsigned seconds = 3;     // pps: measuring time
    unsigned size = 64;       // payload bytes per datagram
    unsigned idle = 5;        // serve: seconds without a request before stopping
    unsigned think = 0;       // rtt: microseconds between an echo and the next request
};

// Bounds that keep a typo from flooding the machine for hours.
inline constexpr unsigned kMaxCount = 10000000;
inline constexpr unsigned kMaxWindow = 4096;
inline constexpr unsigned kMaxSeconds = 600;
inline constexpr unsigned kMinSize = 8;      // room for the sequence number
inline constexpr unsigned kMaxSize = 1472;   // one datagram in a 1500-byte MTU
inline constexpr unsigned kMaxThink = 1000000;

// Parses `MODE ADDRESS [--port=N] [--count=N] [--window=N] [--seconds=N]
// [--size=N] [--idle=N] [--think=N]`, MODE being rtt, pps or serve.
Result<NetOptions> parse_net_options(const std::vector<std::string>& args);

struct Latency {
    uint64_t min = 0;
    uint64_t median = 0;  // nearest rank, as p99
    uint64_t p99 = 0;     // the smallest sample >= 99% of all samples
    uint64_t max = 0;
};

// Summarizes samples, which MUST NOT be empty.
Latency summarize_latency(std::vector<uint64_t> samples);

}  // namespace tenor::bench
