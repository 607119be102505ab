// raw_syscall.cc: the floor for an spt guest's system calls: the raw `syscall` instruction, timed per call, with or without tenor-spt's own seccomp filter.
//
// Usage: raw_syscall [--filtered] [CALLS]   (default 20000 calls)
// Prints "result: raw_syscall CALLS calls NS ns/call" (or
// raw_syscall_filtered), the line format of bench_hypercall, where CALLS
// are the timed calls (the first tenth warms up and is not timed).
//
// The call is write(1, buf, 0), which the kernel answers without touching a
// file: the cost of entering and leaving the kernel. With --filtered the
// program first installs the filter tenor-spt builds for a guest without
// devices, by tenor-spt's own code, so the figure is what a guest's
// solo5_console_write(buf, 0) costs before the bindings add anything.
#include <sys/syscall.h>

#include <charconv>
#include <cstdio>
#include <string_view>

#include "bench/common/clock.h"
#include "common/result.h"
#include "spt/fault.h"
#include "spt/raw_syscall.h"
#include "spt/seccomp_filter.h"

namespace tenor::bench {

namespace {

constexpr uint32_t kDefaultCalls = 20000;
constexpr uint32_t kMinCalls = 10;
constexpr uint32_t kMaxCalls = 100000000;

struct RawSyscallOptions {
    bool filtered = false;
    uint32_t calls = kDefaultCalls;
};

Result<RawSyscallOptions> parse_options(int argc, char** argv) {
    RawSyscallOptions options;
    int i = 1;
    if (i < argc && std::string_view(argv[i]) == "--filtered") {
        options.filtered = true;
        i++;
    }
    if (i < argc) {
        std::string_view text(argv[i++]);
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), options.calls);
        if (error != std::errc() || end != text.data() + text.size() || options.calls < kMinCalls ||
            options.calls > kMaxCalls)
            return fail("'", std::string(text), "' is not a number of calls: give an integer from ",
                        kMinCalls, " to ", kMaxCalls);
    }
    if (i < argc)
        return fail("unexpected argument '", argv[i], "': usage: raw_syscall [--filtered] [CALLS]");
    return options;
}

Result<void> install_spt_filter() {
    spt::SeccompPolicy policy;
    policy.diagnostic_buffer = reinterpret_cast<uint64_t>(spt::diagnostic_buffer());
    policy.diagnostic_size = spt::kDiagnosticSize;
    auto filters = TRY(spt::compile_policy(policy));
    if (spt::install_filters(filters) != 0)
        return fail("cannot install tenor-spt's seccomp filter");
    return Ok{};
}

uint64_t time_calls(uint32_t calls, uint32_t warmup) {
    static const char empty[1] = {0};
    uint64_t start = 0;
    for (uint32_t i = 0; i < calls; i++) {
        if (i == warmup)
            start = now_ns();
        spt::raw_syscall(SYS_write, 1, reinterpret_cast<uint64_t>(empty), 0);
    }
    return now_ns() - start;
}

Result<void> run(int argc, char** argv) {
    RawSyscallOptions options = TRY(parse_options(argc, argv));
    if (options.filtered)
        TRY_VOID(install_spt_filter());
    uint32_t warmup = options.calls / 10;
    uint64_t elapsed = time_calls(options.calls, warmup);
    uint64_t timed = options.calls - warmup;
    uint64_t tenths = elapsed * 10 / timed;
    // Under the filter stdio may not probe stdout (fstat): format, then write(1).
    char line[128];
    int len = snprintf(line, sizeof line, "result: %s %llu calls %llu.%llu ns/call\n",
                       options.filtered ? "raw_syscall_filtered" : "raw_syscall",
                       static_cast<unsigned long long>(timed), static_cast<unsigned long long>(tenths / 10),
                       static_cast<unsigned long long>(tenths % 10));
    spt::raw_syscall(SYS_write, 1, reinterpret_cast<uint64_t>(line), static_cast<uint64_t>(len));
    return Ok{};
}

}  // namespace

}  // namespace tenor::bench

int main(int argc, char** argv) {
    auto done = tenor::bench::run(argc, argv);
    if (!done) {
        fprintf(stderr, "raw_syscall: %s\n", done.error().message.c_str());
        return 1;
    }
    // exit_group directly: the filter allows nothing that exit handlers might call.
    tenor::spt::raw_syscall(SYS_exit_group, 0);
}
