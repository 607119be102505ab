// spt_seccomp_policy_test.cc: the rules of tenor-spt's seccomp filter, exactly.
#include <gtest/gtest.h>
#include <sys/syscall.h>

#include "spt/seccomp_policy.h"
#include "tenor/spt_abi.h"

using namespace tenor::spt;

namespace {

using Op = ArgPin::Op;

SeccompPolicy small_policy() {
    SeccompPolicy policy;
    policy.net_fds = {5};
    policy.blocks = {{4, 4096, 1024}};
    policy.diagnostic_buffer = 0x5555aaaa0000;
    policy.diagnostic_size = 256;
    return policy;
}

TEST(SptSeccompPolicy, ChunkLengthsArePowersOfTwoOfTheSectorUpToTheLimits) {
    EXPECT_EQ(block_chunk_lengths(512, 4096), (std::vector<uint64_t>{512, 1024, 2048, 4096}));
    EXPECT_EQ(block_chunk_lengths(4096, 6 * 4096), (std::vector<uint64_t>{4096, 8192, 16384}));
    auto big = block_chunk_lengths(512, 1ULL << 30);
    ASSERT_EQ(big.size(), 12u);
    EXPECT_EQ(big.back(), TENOR_SPT_BLOCK_IO_MAX);
    EXPECT_EQ(block_chunk_lengths(512, 512), (std::vector<uint64_t>{512}));
}

TEST(SptSeccompPolicy, EveryRuleOfASmallPolicy) {
    std::vector<SyscallRule> want = {
        {TENOR_SPT_SYS_WRITE, {{0, Op::eq, 1}}},
        {TENOR_SPT_SYS_WRITE, {{0, Op::eq, 2}, {1, Op::eq, 0x5555aaaa0000}, {2, Op::le, 256}}},
        {TENOR_SPT_SYS_EXIT_GROUP, {}},
        {TENOR_SPT_SYS_CLOCK_GETTIME, {{0, Op::eq, TENOR_SPT_CLOCK_REALTIME}}},
        {TENOR_SPT_SYS_CLOCK_GETTIME, {{0, Op::eq, TENOR_SPT_CLOCK_MONOTONIC}}},
        {TENOR_SPT_SYS_PPOLL, {{1, Op::le, 1}, {3, Op::eq, 0}}},
        {TENOR_SPT_SYS_READ, {{0, Op::eq, 5}}},
        {TENOR_SPT_SYS_WRITE, {{0, Op::eq, 5}}},
        {TENOR_SPT_SYS_PREAD64, {{0, Op::eq, 4}, {2, Op::eq, 1024}, {3, Op::le, 3072}}},
        {TENOR_SPT_SYS_PREAD64, {{0, Op::eq, 4}, {2, Op::eq, 2048}, {3, Op::le, 2048}}},
        {TENOR_SPT_SYS_PREAD64, {{0, Op::eq, 4}, {2, Op::eq, 4096}, {3, Op::le, 0}}},
        {TENOR_SPT_SYS_PWRITE64, {{0, Op::eq, 4}, {2, Op::eq, 1024}, {3, Op::le, 3072}}},
        {TENOR_SPT_SYS_PWRITE64, {{0, Op::eq, 4}, {2, Op::eq, 2048}, {3, Op::le, 2048}}},
        {TENOR_SPT_SYS_PWRITE64, {{0, Op::eq, 4}, {2, Op::eq, 4096}, {3, Op::le, 0}}},
        {TENOR_SPT_SYS_FALLOCATE, {{0, Op::eq, 4}, {1, Op::eq, 1}, {2, Op::le, 3072}, {3, Op::eq, 1024}}},
        {TENOR_SPT_SYS_FALLOCATE, {{0, Op::eq, 4}, {1, Op::eq, 1}, {2, Op::le, 2048}, {3, Op::eq, 2048}}},
        {TENOR_SPT_SYS_FALLOCATE, {{0, Op::eq, 4}, {1, Op::eq, 1}, {2, Op::le, 0}, {3, Op::eq, 4096}}},
    };
    EXPECT_EQ(policy_rules(small_policy()), want);
}

TEST(SptSeccompPolicy, ArchPrctlOnlyWithoutFsgsbase) {
    SeccompPolicy policy = small_policy();
    auto count = [](const std::vector<SyscallRule>& rules) {
        size_t n = 0;
        for (const SyscallRule& rule : rules)
            n += rule.nr == TENOR_SPT_SYS_ARCH_PRCTL;
        return n;
    };
    EXPECT_EQ(count(policy_rules(policy)), 0u);
    policy.arch_prctl_set_fs = true;
    auto rules = policy_rules(policy);
    ASSERT_EQ(count(rules), 1u);
    for (const SyscallRule& rule : rules) {
        if (rule.nr == TENOR_SPT_SYS_ARCH_PRCTL)
            EXPECT_EQ(rule.pins, (std::vector<ArgPin>{{0, Op::eq, TENOR_SPT_ARCH_SET_FS}}));
    }
}

TEST(SptSeccompPolicy, NoDevicesLeavesOnlyConsoleClocksSleepAndExit) {
    SeccompPolicy policy;
    policy.diagnostic_buffer = 0x1000;
    policy.diagnostic_size = 256;
    auto rules = policy_rules(policy);
    ASSERT_EQ(rules.size(), 6u);
    EXPECT_EQ(rules[5], (SyscallRule{TENOR_SPT_SYS_PPOLL, {{1, Op::le, 0}, {3, Op::eq, 0}}}));
}

TEST(SptSeccompPolicy, WithoutBlockRangesPinsOnlyTheDescriptors) {
    auto rules = policy_rules_without_block_ranges(small_policy());
    ASSERT_EQ(rules.size(), 11u);
    EXPECT_EQ(rules[8], (SyscallRule{TENOR_SPT_SYS_PREAD64, {{0, Op::eq, 4}}}));
    EXPECT_EQ(rules[9], (SyscallRule{TENOR_SPT_SYS_PWRITE64, {{0, Op::eq, 4}}}));
    EXPECT_EQ(rules[10], (SyscallRule{TENOR_SPT_SYS_FALLOCATE, {{0, Op::eq, 4}}}));
}

TEST(SptSeccompPolicy, BlockGroupsKeepDescriptorsConsecutiveAndRulesBounded) {
    SeccompPolicy policy;
    // 6 rules each (two lengths), given out of order.
    for (int fd : {9, 3, 7, 5, 4})
        policy.blocks.push_back({fd, 1024, 512});
    auto groups = block_groups(policy, 12);
    ASSERT_EQ(groups.size(), 3u);
    ASSERT_EQ(groups[0].size(), 2u);
    EXPECT_EQ(groups[0][0].fd, 3);
    EXPECT_EQ(groups[0][1].fd, 4);
    EXPECT_EQ(groups[1][0].fd, 5);
    EXPECT_EQ(groups[1][1].fd, 7);
    ASSERT_EQ(groups[2].size(), 1u);
    EXPECT_EQ(groups[2][0].fd, 9);
    EXPECT_EQ(block_rule_count(policy.blocks[0]), 6u);
}

TEST(SptSeccompPolicy, GroupRulesPassOtherDescriptorsAndPinTheirOwn) {
    SeccompPolicy policy = small_policy();
    policy.blocks = {{4, 1024, 512}, {6, 1024, 512}, {8, 1024, 512}};
    auto rules = block_group_rules(policy, {policy.blocks[1]});
    std::vector<SyscallRule> want = {
        {TENOR_SPT_SYS_READ, {}},
        {TENOR_SPT_SYS_WRITE, {}},
        {TENOR_SPT_SYS_CLOCK_GETTIME, {}},
        {TENOR_SPT_SYS_EXIT_GROUP, {}},
        {TENOR_SPT_SYS_PPOLL, {}},
        {SYS_seccomp, {}},
        {TENOR_SPT_SYS_PREAD64, {{0, Op::lt, 6}}},
        {TENOR_SPT_SYS_PREAD64, {{0, Op::gt, 6}}},
        {TENOR_SPT_SYS_PWRITE64, {{0, Op::lt, 6}}},
        {TENOR_SPT_SYS_PWRITE64, {{0, Op::gt, 6}}},
        {TENOR_SPT_SYS_FALLOCATE, {{0, Op::lt, 6}}},
        {TENOR_SPT_SYS_FALLOCATE, {{0, Op::gt, 6}}},
        {TENOR_SPT_SYS_PREAD64, {{0, Op::eq, 6}, {2, Op::eq, 512}, {3, Op::le, 512}}},
        {TENOR_SPT_SYS_PREAD64, {{0, Op::eq, 6}, {2, Op::eq, 1024}, {3, Op::le, 0}}},
        {TENOR_SPT_SYS_PWRITE64, {{0, Op::eq, 6}, {2, Op::eq, 512}, {3, Op::le, 512}}},
        {TENOR_SPT_SYS_PWRITE64, {{0, Op::eq, 6}, {2, Op::eq, 1024}, {3, Op::le, 0}}},
        {TENOR_SPT_SYS_FALLOCATE, {{0, Op::eq, 6}, {1, Op::eq, 1}, {2, Op::le, 512}, {3, Op::eq, 512}}},
        {TENOR_SPT_SYS_FALLOCATE, {{0, Op::eq, 6}, {1, Op::eq, 1}, {2, Op::le, 0}, {3, Op::eq, 1024}}},
    };
    EXPECT_EQ(rules, want);
}

TEST(SptSeccompPolicy, SyscallNames) {
    EXPECT_EQ(syscall_name(TENOR_SPT_SYS_PREAD64), "pread64");
    EXPECT_EQ(syscall_name(TENOR_SPT_SYS_PPOLL), "ppoll");
    EXPECT_EQ(syscall_name(39), "syscall 39");
}

}  // namespace
