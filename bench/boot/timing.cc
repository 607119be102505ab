// timing.cc: time_runs' command-line parsing and sample statistics.
#include "timing.h"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace tenor::bench {

namespace {

constexpr std::string_view kRunsOption = "--runs=";
constexpr std::string_view kCaseOption = "--case=";

Result<unsigned> parse_runs(std::string_view text) {
    unsigned runs = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), runs);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || runs == 0 ||
        runs > kMaxRuns)
        return fail("--runs=", std::string(text), " is not a number of runs: give an integer from 1 to ",
                    kMaxRuns);
    return runs;
}

// Checks cases[index] on its own and against the cases before it.
Result<void> check_case(const std::vector<TimedCase>& cases, size_t index) {
    const TimedCase& timed = cases[index];
    if (timed.name.empty())
        return fail("--case= has an empty name: name each case, e.g. --case=floor");
    if (timed.argv.empty())
        return fail("--case=", timed.name, " has no command: put the program and its arguments after it");
    for (size_t i = 0; i < index; i++) {
        if (cases[i].name == timed.name)
            return fail("--case=", timed.name, " is given twice: give each case its own name");
    }
    return Ok{};
}

}  // namespace

Result<TimeOptions> parse_time_options(const std::vector<std::string>& args) {
    TimeOptions options;
    size_t i = 0;
    for (; i < args.size() && !args[i].starts_with(kCaseOption); i++) {
        if (!args[i].starts_with(kRunsOption))
            return fail("unknown option '", args[i], "': the options are --runs=N and --case=NAME CMD...");
        options.runs = TRY(parse_runs(std::string_view(args[i]).substr(kRunsOption.size())));
    }
    if (i == args.size())
        return fail("no --case=NAME given: name each command to time, e.g. --case=floor ./kvm_floor");
    for (; i < args.size(); i++) {
        if (args[i].starts_with(kCaseOption))
            options.cases.push_back({args[i].substr(kCaseOption.size()), {}});
        else
            options.cases.back().argv.push_back(args[i]);
    }
    for (size_t c = 0; c < options.cases.size(); c++)
        TRY_VOID(check_case(options.cases, c));
    return options;
}

Summary summarize(std::vector<uint64_t> samples) {
    std::sort(samples.begin(), samples.end());
    const size_t n = samples.size();
    Summary summary;
    summary.min = samples.front();
    summary.median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    // Nearest rank: rank ceil(0.9 n), counted from 1.
    size_t rank = (9 * n + 9) / 10;
    summary.p90 = samples[rank - 1];
    return summary;
}

}  // namespace tenor::bench
