// stats.cc: net_client's option parsing and latency summary (stats.h).
#include "stats.h"

#include <algorithm>
#include <charconv>

namespace tenor::bench {

namespace {

Result<unsigned> parse_number(const std::string& flag, const std::string& text, unsigned min,
                              unsigned max) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min ||
        value > max)
        return fail(flag, "=", text, ": expected a whole number from ", min, " to ", max);
    return value;
}

Result<NetMode> parse_mode(const std::string& text) {
    if (text == "rtt")
        return NetMode::rtt;
    if (text == "pps")
        return NetMode::pps;
    if (text == "serve")
        return NetMode::serve;
    return fail("unknown mode '", text, "': use rtt, pps or serve");
}

// Sets the field a --NAME=VALUE flag names.
Result<void> parse_flag(const std::string& arg, NetOptions& options) {
    size_t equals = arg.find('=');
    if (!arg.starts_with("--") || equals == std::string::npos)
        return fail("unexpected argument '", arg, "': options are --NAME=VALUE");
    std::string flag = arg.substr(0, equals);
    std::string text = arg.substr(equals + 1);
    if (flag == "--port")
        options.port = static_cast<uint16_t>(TRY(parse_number(flag, text, 1, 65535)));
    else if (flag == "--count")
        options.count = TRY(parse_number(flag, text, 1, kMaxCount));
    else if (flag == "--window")
        options.window = TRY(parse_number(flag, text, 1, kMaxWindow));
    else if (flag == "--seconds")
        options.seconds = TRY(parse_number(flag, text, 1, kMaxSeconds));
    else if (flag == "--size")
        options.size = TRY(parse_number(flag, text, kMinSize, kMaxSize));
    else if (flag == "--idle")
        options.idle = TRY(parse_number(flag, text, 1, kMaxSeconds));
    else if (flag == "--think")
        options.think = TRY(parse_number(flag, text, 0, kMaxThink));
    else
        return fail("unknown option '", flag, "'");
    return Ok{};
}

// Index of the nearest-rank percentile in n sorted samples.
size_t rank_index(size_t n, unsigned percent) {
    size_t rank = (n * percent + 99) / 100;
    return rank == 0 ? 0 : rank - 1;
}

}  // namespace

Result<NetOptions> parse_net_options(const std::vector<std::string>& args) {
    if (args.size() < 2)
        return fail("usage: net_client rtt|pps|serve ADDRESS [--port=N] [--count=N] [--window=N] "
                    "[--seconds=N] [--size=N] [--idle=N] [--think=N]");
    NetOptions options;
    options.mode = TRY(parse_mode(args[0]));
    options.address = args[1];
    for (size_t i = 2; i < args.size(); i++)
        TRY_VOID(parse_flag(args[i], options));
    return options;
}

Latency summarize_latency(std::vector<uint64_t> samples) {
    std::sort(samples.begin(), samples.end());
    return {samples.front(), samples[rank_index(samples.size(), 50)],
            samples[rank_index(samples.size(), 99)], samples.back()};
}

}  // namespace tenor::bench
