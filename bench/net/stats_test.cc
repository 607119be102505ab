// stats_test.cc: unit tests for net_client's option parsing and latency summary.
#include "stats.h"

#include <gtest/gtest.h>

namespace tenor::bench {
namespace {

TEST(NetOptions, DefaultsForRtt) {
    auto options = parse_net_options({"rtt", "10.0.0.2"});
    ASSERT_TRUE(options) << options.error().message;
    EXPECT_EQ(options->mode, NetMode::rtt);
    EXPECT_EQ(options->address, "10.0.0.2");
    EXPECT_EQ(options->port, 7);
    EXPECT_EQ(options->count, 5000u);
    EXPECT_EQ(options->size, 64u);
}

TEST(NetOptions, ReadsEveryFlag) {
    auto options = parse_net_options({"pps", "10.2.0.2", "--port=9", "--window=64", "--seconds=2",
                                      "--size=128", "--count=7", "--idle=3", "--think=20"});
    ASSERT_TRUE(options) << options.error().message;
    EXPECT_EQ(options->mode, NetMode::pps);
    EXPECT_EQ(options->port, 9);
    EXPECT_EQ(options->window, 64u);
    EXPECT_EQ(options->seconds, 2u);
    EXPECT_EQ(options->size, 128u);
    EXPECT_EQ(options->count, 7u);
    EXPECT_EQ(options->idle, 3u);
    EXPECT_EQ(options->think, 20u);
}

TEST(NetOptions, RefusesBadInput) {
    EXPECT_EQ(parse_net_options({"ping", "10.0.0.2"}).error().message,
              "unknown mode 'ping': use rtt, pps or serve");
    EXPECT_EQ(parse_net_options({"rtt", "10.0.0.2", "--size=4"}).error().message,
              "--size=4: expected a whole number from 8 to 1472");
    EXPECT_EQ(parse_net_options({"rtt", "10.0.0.2", "--window=0"}).error().message,
              "--window=0: expected a whole number from 1 to 4096");
    EXPECT_EQ(parse_net_options({"rtt", "10.0.0.2", "--count=1x"}).error().message,
              "--count=1x: expected a whole number from 1 to 10000000");
    EXPECT_EQ(parse_net_options({"rtt", "10.0.0.2", "--bogus=1"}).error().message,
              "unknown option '--bogus'");
    EXPECT_EQ(parse_net_options({"rtt", "10.0.0.2", "extra"}).error().message,
              "unexpected argument 'extra': options are --NAME=VALUE");
    EXPECT_FALSE(parse_net_options({"rtt"}));
}

TEST(Latency, NearestRank) {
    std::vector<uint64_t> samples;
    for (uint64_t i = 100; i >= 1; i--)
        samples.push_back(i);
    Latency latency = summarize_latency(samples);
    EXPECT_EQ(latency.min, 1u);
    EXPECT_EQ(latency.median, 50u);
    EXPECT_EQ(latency.p99, 99u);
    EXPECT_EQ(latency.max, 100u);
}

TEST(Latency, OneSample) {
    Latency latency = summarize_latency({42});
    EXPECT_EQ(latency.min, 42u);
    EXPECT_EQ(latency.median, 42u);
    EXPECT_EQ(latency.p99, 42u);
    EXPECT_EQ(latency.max, 42u);
}

TEST(Latency, OutlierOnlyMovesTheTail) {
    std::vector<uint64_t> samples(200, 10);
    samples[7] = 5000;
    samples[8] = 6000;
    samples[9] = 7000;
    Latency latency = summarize_latency(samples);
    EXPECT_EQ(latency.median, 10u);
    EXPECT_EQ(latency.p99, 5000u);
    EXPECT_EQ(latency.max, 7000u);
}

}  // namespace
}  // namespace tenor::bench
