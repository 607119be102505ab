// timing.h: the pure logic of time_runs: its command line and the summary of a set of wall-time samples.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace tenor::bench {

// One command to time, under the name the results table gives it.
struct TimedCase {
    std::string name;
    std::vector<std::string> argv;
};

struct TimeOptions {
    unsigned runs = 20;
    std::vector<TimedCase> cases;
};

// Upper bound on --runs: enough for any statistic, small enough that a typo
// cannot keep the machine busy for hours.
inline constexpr unsigned kMaxRuns = 10000;

// Parses `[--runs=N] --case=NAME CMD [ARGS...] [--case=NAME CMD [ARGS...]]...`.
// Everything after --case=NAME up to the next --case= is that case's command.
Result<TimeOptions> parse_time_options(const std::vector<std::string>& args);

struct Summary {
    uint64_t min = 0;
    uint64_t median = 0;  // the mean of the two middle samples when their number is even
    uint64_t p90 = 0;     // nearest rank: the smallest sample >= 90% of all samples
};

// Summarizes samples, which MUST NOT be empty.
Summary summarize(std::vector<uint64_t> samples);

}  // namespace tenor::bench
