// timing_test.cc: unit tests of time_runs' command line and statistics.
#include "timing.h"

#include <gtest/gtest.h>

namespace tenor::bench {
namespace {

using Args = std::vector<std::string>;

std::string error_of(const Args& args) {
    auto options = parse_time_options(args);
    EXPECT_FALSE(options.ok());
    return options.ok() ? "" : options.error().message;
}

TEST(TimeOptions, SplitsCasesAtEachCaseOption) {
    auto options = parse_time_options(
        {"--runs=7", "--case=floor", "./kvm_floor", "--case=quiet", "tenor-hvt", "--mem=16", "k.hvt"});
    ASSERT_TRUE(options.ok()) << options.error().message;
    EXPECT_EQ(options->runs, 7u);
    ASSERT_EQ(options->cases.size(), 2u);
    EXPECT_EQ(options->cases[0].name, "floor");
    EXPECT_EQ(options->cases[0].argv, (Args{"./kvm_floor"}));
    EXPECT_EQ(options->cases[1].name, "quiet");
    EXPECT_EQ(options->cases[1].argv, (Args{"tenor-hvt", "--mem=16", "k.hvt"}));
}

TEST(TimeOptions, DefaultsToTwentyRuns) {
    auto options = parse_time_options({"--case=a", "true"});
    ASSERT_TRUE(options.ok()) << options.error().message;
    EXPECT_EQ(options->runs, 20u);
}

TEST(TimeOptions, LeavesOptionsAfterTheFirstCaseToTheCommands) {
    // The command's own options must not be taken for time_runs' ones.
    auto options = parse_time_options({"--case=a", "prog", "--runs=3"});
    ASSERT_TRUE(options.ok()) << options.error().message;
    EXPECT_EQ(options->runs, 20u);
    EXPECT_EQ(options->cases[0].argv, (Args{"prog", "--runs=3"}));
}

TEST(TimeOptions, RefusesBadRunCounts) {
    const std::string tail = " is not a number of runs: give an integer from 1 to 10000";
    EXPECT_EQ(error_of({"--runs=0", "--case=a", "true"}), "--runs=0" + tail);
    EXPECT_EQ(error_of({"--runs=", "--case=a", "true"}), "--runs=" + tail);
    EXPECT_EQ(error_of({"--runs=12x", "--case=a", "true"}), "--runs=12x" + tail);
    EXPECT_EQ(error_of({"--runs=-1", "--case=a", "true"}), "--runs=-1" + tail);
    EXPECT_EQ(error_of({"--runs=10001", "--case=a", "true"}), "--runs=10001" + tail);
    EXPECT_TRUE(parse_time_options({"--runs=10000", "--case=a", "true"}).ok());
}

TEST(TimeOptions, RefusesUnknownOptions) {
    EXPECT_EQ(error_of({"--rusn=3", "--case=a", "true"}),
              "unknown option '--rusn=3': the options are --runs=N and --case=NAME CMD...");
}

TEST(TimeOptions, NeedsACase) {
    const std::string message =
        "no --case=NAME given: name each command to time, e.g. --case=floor ./kvm_floor";
    EXPECT_EQ(error_of({}), message);
    EXPECT_EQ(error_of({"--runs=3"}), message);
}

TEST(TimeOptions, RefusesEmptyNamesEmptyCommandsAndDuplicates) {
    EXPECT_EQ(error_of({"--case=", "true"}),
              "--case= has an empty name: name each case, e.g. --case=floor");
    EXPECT_EQ(error_of({"--case=a", "--case=b", "true"}),
              "--case=a has no command: put the program and its arguments after it");
    EXPECT_EQ(error_of({"--case=a", "true", "--case=b"}),
              "--case=b has no command: put the program and its arguments after it");
    EXPECT_EQ(error_of({"--case=a", "true", "--case=a", "false"}),
              "--case=a is given twice: give each case its own name");
}

TEST(Summarize, OneSample) {
    Summary s = summarize({42});
    EXPECT_EQ(s.min, 42u);
    EXPECT_EQ(s.median, 42u);
    EXPECT_EQ(s.p90, 42u);
}

TEST(Summarize, OddCountTakesTheMiddleSampleWhateverTheOrder) {
    Summary s = summarize({50, 10, 40, 20, 30});
    EXPECT_EQ(s.min, 10u);
    EXPECT_EQ(s.median, 30u);
    EXPECT_EQ(s.p90, 50u);  // rank ceil(4.5) = 5
}

TEST(Summarize, EvenCountAveragesTheTwoMiddleSamples) {
    Summary s = summarize({4, 1, 3, 2});
    EXPECT_EQ(s.min, 1u);
    EXPECT_EQ(s.median, 2u);  // (2 + 3) / 2, rounded down
    EXPECT_EQ(s.p90, 4u);     // rank ceil(3.6) = 4
}

TEST(Summarize, TwentySamplesAsRunShTakesThem) {
    std::vector<uint64_t> samples;
    for (uint64_t v = 20; v >= 1; v--)
        samples.push_back(v * 100);
    Summary s = summarize(samples);
    EXPECT_EQ(s.min, 100u);
    EXPECT_EQ(s.median, 1050u);  // (1000 + 1100) / 2
    EXPECT_EQ(s.p90, 1800u);     // rank 18 of 20
}

TEST(Summarize, TenSamplesPutP90AtTheNinth) {
    std::vector<uint64_t> samples = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1000};
    EXPECT_EQ(summarize(samples).p90, 9u);  // one outlier in ten does not move p90
}

}  // namespace
}  // namespace tenor::bench
