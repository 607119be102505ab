// spt_seccomp_filter_test.cc: tenor-spt's filter as the kernel enforces it: each case installs
// the compiled filters in a child process and makes allowed and forbidden system calls there.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <functional>
#include <string>

#include "spt/raw_syscall.h"
#include "spt/seccomp_filter.h"
#include "tenor/spt_abi.h"

using namespace tenor::spt;

namespace {

// Status a child exits with when a call the filter allows failed.
constexpr int kAllowedCallFailed = 3;

char g_diagnostic[64] = "diagnostic\n";

// A scratch image file of `size` bytes, removed at the end of the test.
class ScratchImage {
public:
    explicit ScratchImage(uint64_t size) {
        char name[] = "/tmp/tenor-spt-filter-XXXXXX";
        fd_ = mkstemp(name);
        path_ = name;
        if (fd_ >= 0 && ftruncate(fd_, static_cast<off_t>(size)) != 0)
            fd_ = -1;
    }
    ~ScratchImage() {
        if (fd_ >= 0)
            close(fd_);
        unlink(path_.c_str());
    }
    int fd() const { return fd_; }

private:
    int fd_ = -1;
    std::string path_;
};

SeccompPolicy policy_with(std::vector<SeccompPolicy::Block> blocks) {
    SeccompPolicy policy;
    policy.blocks = std::move(blocks);
    policy.diagnostic_buffer = reinterpret_cast<uint64_t>(g_diagnostic);
    policy.diagnostic_size = sizeof g_diagnostic;
    return policy;
}

// Runs body in a child with the filters installed; body returns normally
// when its allowed calls worked. Returns the child's wait status.
int run_filtered(const std::vector<BpfProgram>& filters, const std::function<bool()>& body) {
    fflush(nullptr);
    pid_t pid = fork();
    if (pid == 0) {
        // A SIGSYS death must leave no core file behind.
        rlimit no_core{0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        if (install_filters(filters) != 0)
            raw_syscall(SYS_exit_group, 100);
        raw_syscall(SYS_exit_group, body() ? 0 : kAllowedCallFailed);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

bool killed_by_sigsys(int status) {
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS;
}

bool exited_cleanly(int status) {
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::vector<BpfProgram> compile(const SeccompPolicy& policy) {
    auto filters = compile_policy(policy);
    EXPECT_TRUE(filters.ok()) << (filters.ok() ? "" : filters.error().message);
    return filters.ok() ? *filters : std::vector<BpfProgram>{};
}

long pread_at(int fd, uint64_t len, uint64_t offset) {
    static char buffer[1 << 20];
    return raw_syscall(SYS_pread64, static_cast<uint64_t>(fd), reinterpret_cast<uint64_t>(buffer), len, offset);
}

TEST(SptSeccompFilter, OneFilterForAFewDevices) {
    ScratchImage image(1 << 20);
    auto filters = compile(policy_with({{image.fd(), 1 << 20, 512}}));
    EXPECT_EQ(filters.size(), 1u);
    EXPECT_LE(filters[0].size(), kMaxFilterInstructions);
}

TEST(SptSeccompFilter, AllowedCallsWork) {
    ScratchImage image(1 << 20);
    auto filters = compile(policy_with({{image.fd(), 1 << 20, 512}}));
    int status = run_filtered(filters, [&] {
        timespec now{}, no_wait{};
        return raw_syscall(SYS_write, 1, reinterpret_cast<uint64_t>(""), 0) == 0 &&
               raw_syscall(SYS_write, 2, reinterpret_cast<uint64_t>(g_diagnostic), 0) == 0 &&
               raw_syscall(SYS_clock_gettime, CLOCK_MONOTONIC, reinterpret_cast<uint64_t>(&now)) == 0 &&
               raw_syscall(SYS_clock_gettime, CLOCK_REALTIME, reinterpret_cast<uint64_t>(&now)) == 0 &&
               raw_syscall(SYS_ppoll, 0, 0, reinterpret_cast<uint64_t>(&no_wait), 0) == 0 &&
               pread_at(image.fd(), 512, 0) == 512 && pread_at(image.fd(), 1 << 20, 0) == 1 << 20 &&
               pread_at(image.fd(), 4096, (1 << 20) - 4096) == 4096 &&
               raw_syscall(SYS_fallocate, static_cast<uint64_t>(image.fd()), 1, (1 << 20) - 2048, 2048) == 0;
    });
    EXPECT_TRUE(exited_cleanly(status)) << "wait status " << status;
}

// Each call in turn must kill the child.
void expect_each_killed(const std::vector<BpfProgram>& filters, const std::vector<std::function<void()>>& calls) {
    for (size_t i = 0; i < calls.size(); i++) {
        int status = run_filtered(filters, [&] {
            calls[i]();
            return true;
        });
        EXPECT_TRUE(killed_by_sigsys(status)) << "call " << i << ": wait status " << status;
    }
}

TEST(SptSeccompFilter, ForbiddenCallsAndArgumentsKill) {
    ScratchImage image(1 << 20);
    int fd = image.fd();
    auto filters = compile(policy_with({{fd, 1 << 20, 512}}));
    static char other[16];
    timespec ts{};
    expect_each_killed(filters, {
        [] { raw_syscall(SYS_getpid); },
        [] { raw_syscall(SYS_write, 2, reinterpret_cast<uint64_t>(other), 1); },
        [] { raw_syscall(SYS_write, 2, reinterpret_cast<uint64_t>(g_diagnostic), sizeof g_diagnostic + 1); },
        [] { raw_syscall(SYS_write, 1ULL << 32 | 1, reinterpret_cast<uint64_t>(other), 1); },
        [fd] { raw_syscall(SYS_read, static_cast<uint64_t>(fd), reinterpret_cast<uint64_t>(other), 1); },
        [fd] { pread_at(fd, 512, 1 << 20); },             // at the capacity
        [fd] { pread_at(fd, 1024, (1 << 20) - 512); },    // across the end
        [fd] { pread_at(fd, 1536, 0); },                  // not block_size << k
        [fd] { pread_at(fd, 256, 0); },                   // below a sector
        [fd] { pread_at(fd, 512, ~0ULL - 511); },         // an offset that wraps
        [fd] { raw_syscall(SYS_pwrite64, static_cast<uint64_t>(fd) | 1ULL << 32, 0, 512, 0); },
        [&ts] { raw_syscall(SYS_ppoll, 0, 1, reinterpret_cast<uint64_t>(&ts), 0); },
        [&ts] { raw_syscall(SYS_clock_gettime, CLOCK_PROCESS_CPUTIME_ID, reinterpret_cast<uint64_t>(&ts)); },
        [] { raw_syscall(SYS_arch_prctl, 0x1002, 0); },
        [] { raw_syscall(0x40000000 | SYS_getpid); },
        [fd] { raw_syscall(SYS_fallocate, static_cast<uint64_t>(fd), 0, 0, 512); },         // may grow the file
        [fd] { raw_syscall(SYS_fallocate, static_cast<uint64_t>(fd), 1, 1 << 20, 512); },   // past the end
    });
}

TEST(SptSeccompFilter, ArchPrctlSetFsAllowedOnlyWhenAsked) {
    auto policy = policy_with({});
    policy.arch_prctl_set_fs = true;
    auto filters = compile(policy);
    int status = run_filtered(filters, [] {
        uint64_t base = 0;
        // Setting the FS base to its current value keeps the child's TLS intact.
        asm volatile("mov %%fs:0, %0" : "=r"(base));
        return raw_syscall(SYS_arch_prctl, 0x1002, base) == 0;
    });
    EXPECT_TRUE(exited_cleanly(status)) << "wait status " << status;
    expect_each_killed(filters, {[] {
        uint64_t base = 0;
        raw_syscall(SYS_arch_prctl, 0x1003, reinterpret_cast<uint64_t>(&base));
    }});
}

// Many large devices: several filters, the same verdicts as one would give.
TEST(SptSeccompFilter, SplitFiltersGiveTheSameVerdicts) {
    std::vector<std::unique_ptr<ScratchImage>> images;
    std::vector<SeccompPolicy::Block> blocks;
    for (int i = 0; i < 20; i++) {
        images.push_back(std::make_unique<ScratchImage>(1 << 20));
        blocks.push_back({images.back()->fd(), 1 << 20, 512});
    }
    auto filters = compile(policy_with(blocks));
    ASSERT_GT(filters.size(), 2u);
    for (const BpfProgram& program : filters)
        EXPECT_LE(program.size(), kMaxFilterInstructions);
    int first = blocks.front().fd, last = blocks.back().fd;
    int status = run_filtered(filters, [&] {
        return pread_at(first, 512, 0) == 512 && pread_at(last, 1 << 20, 0) == 1 << 20 &&
               pread_at(blocks[10].fd, 2048, (1 << 20) - 2048) == 2048;
    });
    EXPECT_TRUE(exited_cleanly(status)) << "wait status " << status;
    expect_each_killed(filters, {
        [first] { pread_at(first, 512, 1 << 20); },
        [last] { pread_at(last, 1536, 0); },
        [&] { pread_at(blocks[10].fd, 1024, (1 << 20) - 512); },
        [last] { pread_at(last + 1, 512, 0); },
        [] { raw_syscall(SYS_seccomp, 0, 0, 0); },
    });
}

}  // namespace
