// seccomp_policy.h: the system calls an spt guest may make, as data: one rule per allowed call
// and argument pattern, built from the attached devices (docs/spt.md, "The seccomp filter").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tenor::spt {

// What the filter is built from.
struct SeccompPolicy {
    struct Block {
        int fd;
        uint64_t capacity;     // bytes, a multiple of sector_size
        uint64_t sector_size;  // a power of two
    };

    std::vector<int> net_fds;     // the NICs' tap descriptors
    std::vector<Block> blocks;
    // The monitor's signal handlers write their one-line report from this
    // buffer to fd 2; no other write to fd 2 is allowed.
    uint64_t diagnostic_buffer = 0;
    uint64_t diagnostic_size = 0;
    // The host lacks user-space wrfsbase: the guest sets its FS base with arch_prctl.
    bool arch_prctl_set_fs = false;
};

// One argument comparison; every comparison is on the whole 64-bit register.
struct ArgPin {
    enum class Op { eq, le, lt, gt };
    unsigned arg;
    Op op;
    uint64_t value;

    bool operator==(const ArgPin&) const = default;
};

// One allowed pattern: system call nr with every pin true.
struct SyscallRule {
    int nr;
    std::vector<ArgPin> pins;

    bool operator==(const SyscallRule&) const = default;
};

// The chunk lengths a block device's filter allows: sector_size << k for
// k >= 0, at most TENOR_SPT_BLOCK_IO_MAX and at most capacity.
std::vector<uint64_t> block_chunk_lengths(uint64_t sector_size, uint64_t capacity);

// Every rule of the filter, block I/O pinned exactly: the whole policy as
// one filter whose default is to kill the process.
std::vector<SyscallRule> policy_rules(const SeccompPolicy& policy);

// The same rules, but block I/O pinned to the devices' descriptors only;
// with block_group_rules() for every group of devices it gives the same
// verdicts, as several smaller filters (the kernel runs every filter and a
// call passes only if all allow it).
std::vector<SyscallRule> policy_rules_without_block_ranges(const SeccompPolicy& policy);

// The block devices split into groups of consecutive descriptors, each
// with at most max_rules block I/O rules (a device's rules are never split).
std::vector<std::vector<SeccompPolicy::Block>> block_groups(const SeccompPolicy& policy, size_t max_rules);

// The number of block I/O rules policy_rules() has for one device.
size_t block_rule_count(const SeccompPolicy::Block& block);

// A filter for one group of block devices: block I/O on descriptors
// outside [lowest, highest] of the group passes (another filter judges
// it), on the group's descriptors only with exact lengths and offsets;
// every other call of policy_rules() passes unpinned, and so does
// seccomp(), so that the next filter can still be installed.
std::vector<SyscallRule> block_group_rules(const SeccompPolicy& policy,
                                           const std::vector<SeccompPolicy::Block>& group);

// "write", "pread64", ... for the system calls the rules use.
std::string syscall_name(int nr);

}  // namespace tenor::spt
