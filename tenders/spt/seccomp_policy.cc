// seccomp_policy.cc: the rules of the spt seccomp filter; docs/spt.md gives the reason for each.
#include "seccomp_policy.h"

#include <sys/syscall.h>

#include <algorithm>
#include <iterator>
#include <set>

#include "tenor/spt_abi.h"

namespace tenor::spt {

namespace {

// The guest and this file name the same calls.
static_assert(TENOR_SPT_SYS_READ == SYS_read && TENOR_SPT_SYS_WRITE == SYS_write &&
              TENOR_SPT_SYS_PREAD64 == SYS_pread64 && TENOR_SPT_SYS_PWRITE64 == SYS_pwrite64 &&
              TENOR_SPT_SYS_ARCH_PRCTL == SYS_arch_prctl &&
              TENOR_SPT_SYS_CLOCK_GETTIME == SYS_clock_gettime &&
              TENOR_SPT_SYS_EXIT_GROUP == SYS_exit_group && TENOR_SPT_SYS_PPOLL == SYS_ppoll &&
              TENOR_SPT_SYS_FALLOCATE == SYS_fallocate);

using Op = ArgPin::Op;

constexpr int kConsoleFd = 1;
constexpr int kDiagnosticFd = 2;

void add_console_and_exit(const SeccompPolicy& policy, std::vector<SyscallRule>& rules) {
    rules.push_back({TENOR_SPT_SYS_WRITE, {{0, Op::eq, kConsoleFd}}});
    rules.push_back({TENOR_SPT_SYS_WRITE, {{0, Op::eq, kDiagnosticFd},
                                           {1, Op::eq, policy.diagnostic_buffer},
                                           {2, Op::le, policy.diagnostic_size}}});
    rules.push_back({TENOR_SPT_SYS_EXIT_GROUP, {}});
}

void add_clocks_and_tls(const SeccompPolicy& policy, std::vector<SyscallRule>& rules) {
    rules.push_back({TENOR_SPT_SYS_CLOCK_GETTIME, {{0, Op::eq, TENOR_SPT_CLOCK_REALTIME}}});
    rules.push_back({TENOR_SPT_SYS_CLOCK_GETTIME, {{0, Op::eq, TENOR_SPT_CLOCK_MONOTONIC}}});
    if (policy.arch_prctl_set_fs)
        rules.push_back({TENOR_SPT_SYS_ARCH_PRCTL, {{0, Op::eq, TENOR_SPT_ARCH_SET_FS}}});
}

// solo5_yield polls the acquired NICs, a subset of the attached ones; with
// none it only sleeps (nfds 0). The fds array is in guest memory where no
// filter can see it, but polling only reports readiness.
void add_yield(const SeccompPolicy& policy, std::vector<SyscallRule>& rules) {
    rules.push_back({TENOR_SPT_SYS_PPOLL, {{1, Op::le, policy.net_fds.size()}, {3, Op::eq, 0}}});
}

void add_net(const SeccompPolicy& policy, std::vector<SyscallRule>& rules) {
    for (int fd : policy.net_fds) {
        rules.push_back({TENOR_SPT_SYS_READ, {{0, Op::eq, static_cast<uint64_t>(fd)}}});
        rules.push_back({TENOR_SPT_SYS_WRITE, {{0, Op::eq, static_cast<uint64_t>(fd)}}});
    }
}

constexpr int kBlockSyscalls[] = {TENOR_SPT_SYS_PREAD64, TENOR_SPT_SYS_PWRITE64, TENOR_SPT_SYS_FALLOCATE};

// Exactly the chunks inside the image: len is one of the allowed lengths
// and offset + len <= capacity, written so that nothing wraps. fallocate
// takes (fd, mode, offset, len); the others (fd, buf, len, offset).
void add_block_ranges(const SeccompPolicy::Block& block, std::vector<SyscallRule>& rules) {
    uint64_t fd = static_cast<uint64_t>(block.fd);
    for (int nr : {TENOR_SPT_SYS_PREAD64, TENOR_SPT_SYS_PWRITE64}) {
        for (uint64_t len : block_chunk_lengths(block.sector_size, block.capacity))
            rules.push_back({nr, {{0, Op::eq, fd}, {2, Op::eq, len}, {3, Op::le, block.capacity - len}}});
    }
    for (uint64_t len : block_chunk_lengths(block.sector_size, block.capacity))
        rules.push_back({TENOR_SPT_SYS_FALLOCATE, {{0, Op::eq, fd},
                                                   {1, Op::eq, TENOR_SPT_FALLOC_FL_KEEP_SIZE},
                                                   {2, Op::le, block.capacity - len},
                                                   {3, Op::eq, len}}});
}

void add_block_fds(const SeccompPolicy::Block& block, std::vector<SyscallRule>& rules) {
    for (int nr : kBlockSyscalls)
        rules.push_back({nr, {{0, Op::eq, static_cast<uint64_t>(block.fd)}}});
}

std::vector<SyscallRule> rules_before_blocks(const SeccompPolicy& policy) {
    std::vector<SyscallRule> rules;
    add_console_and_exit(policy, rules);
    add_clocks_and_tls(policy, rules);
    add_yield(policy, rules);
    add_net(policy, rules);
    return rules;
}

}  // namespace

std::vector<uint64_t> block_chunk_lengths(uint64_t sector_size, uint64_t capacity) {
    std::vector<uint64_t> lengths;
    for (uint64_t len = sector_size; len != 0 && len <= TENOR_SPT_BLOCK_IO_MAX && len <= capacity;
         len <<= 1)
        lengths.push_back(len);
    return lengths;
}

size_t block_rule_count(const SeccompPolicy::Block& block) {
    return std::size(kBlockSyscalls) * block_chunk_lengths(block.sector_size, block.capacity).size();
}

std::vector<std::vector<SeccompPolicy::Block>> block_groups(const SeccompPolicy& policy, size_t max_rules) {
    std::vector<SeccompPolicy::Block> blocks = policy.blocks;
    std::sort(blocks.begin(), blocks.end(), [](const auto& a, const auto& b) { return a.fd < b.fd; });
    std::vector<std::vector<SeccompPolicy::Block>> groups;
    size_t rules = 0;
    for (const SeccompPolicy::Block& block : blocks) {
        size_t count = block_rule_count(block);
        if (groups.empty() || rules + count > max_rules) {
            groups.emplace_back();
            rules = 0;
        }
        groups.back().push_back(block);
        rules += count;
    }
    return groups;
}

std::vector<SyscallRule> policy_rules(const SeccompPolicy& policy) {
    std::vector<SyscallRule> rules = rules_before_blocks(policy);
    for (const SeccompPolicy::Block& block : policy.blocks)
        add_block_ranges(block, rules);
    return rules;
}

std::vector<SyscallRule> policy_rules_without_block_ranges(const SeccompPolicy& policy) {
    std::vector<SyscallRule> rules = rules_before_blocks(policy);
    for (const SeccompPolicy::Block& block : policy.blocks)
        add_block_fds(block, rules);
    return rules;
}

std::vector<SyscallRule> block_group_rules(const SeccompPolicy& policy,
                                           const std::vector<SeccompPolicy::Block>& group) {
    std::set<int> others;
    for (const SyscallRule& rule : policy_rules_without_block_ranges(policy))
        others.insert(rule.nr);
    for (int nr : kBlockSyscalls)
        others.erase(nr);
    std::vector<SyscallRule> rules;
    for (int nr : others)
        rules.push_back({nr, {}});
    rules.push_back({SYS_seccomp, {}});
    if (group.empty())
        return rules;
    auto [lowest, highest] = std::minmax_element(group.begin(), group.end(),
        [](const auto& a, const auto& b) { return a.fd < b.fd; });
    for (int nr : kBlockSyscalls) {
        rules.push_back({nr, {{0, Op::lt, static_cast<uint64_t>(lowest->fd)}}});
        rules.push_back({nr, {{0, Op::gt, static_cast<uint64_t>(highest->fd)}}});
    }
    for (const SeccompPolicy::Block& block : group)
        add_block_ranges(block, rules);
    return rules;
}

std::string syscall_name(int nr) {
    switch (nr) {
    case TENOR_SPT_SYS_READ: return "read";
    case TENOR_SPT_SYS_WRITE: return "write";
    case TENOR_SPT_SYS_PREAD64: return "pread64";
    case TENOR_SPT_SYS_PWRITE64: return "pwrite64";
    case TENOR_SPT_SYS_ARCH_PRCTL: return "arch_prctl";
    case TENOR_SPT_SYS_CLOCK_GETTIME: return "clock_gettime";
    case TENOR_SPT_SYS_EXIT_GROUP: return "exit_group";
    case TENOR_SPT_SYS_PPOLL: return "ppoll";
    case TENOR_SPT_SYS_FALLOCATE: return "fallocate";
    case SYS_seccomp: return "seccomp";
    default: return "syscall " + std::to_string(nr);
    }
}

}  // namespace tenor::spt
