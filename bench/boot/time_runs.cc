// time_runs.cc: runs commands many times, interleaved, and prints the whole-process wall time of each (min, median, p90).
//
// Usage: time_runs [--runs=N] --case=NAME CMD [ARGS...] [--case=NAME CMD [ARGS...]]...
// Each case runs once untimed (a warm-up that also checks it exits 0), then
// the cases take turns, N timed runs each, so that noise on a shared machine
// hits every case alike. A run is timed from just before the spawn to just
// after its exit status is collected, with CLOCK_MONOTONIC. Commands' stdout
// goes to /dev/null; their stderr is left visible, so failures explain
// themselves. Output: one tab-separated line per case after a '#' header:
// name, good runs, failed runs, min, median and p90 in nanoseconds ("-" when
// no run succeeded).
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdio>
#include <string>
#include <vector>

#include "bench/common/clock.h"
#include "common/fd.h"
#include "common/format.h"
#include "timing.h"

extern char** environ;

namespace tenor::bench {

namespace {

struct CaseRecord {
    std::vector<uint64_t> samples;
    unsigned failed = 0;
    bool reported_failure = false;
};

// What a wait status means, for messages.
std::string describe_status(int status) {
    if (WIFEXITED(status))
        return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return "was killed by signal " + std::to_string(WTERMSIG(status));
    return "stopped with wait status " + std::to_string(status);
}

// Runs argv with stdout on null_fd and waits for it; returns its wait status.
Result<int> run_once(const std::vector<std::string>& args, int null_fd) {
    std::vector<char*> argv;
    for (const std::string& arg : args)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, null_fd, STDOUT_FILENO);
    pid_t pid;
    int err = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (err != 0)
        return fail("cannot run ", args[0], ": ", errno_text(err), ": check the path of the program");
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return fail("waiting for ", args[0], " failed: ", errno_text());
    }
    return status;
}

// One timed run of a case, recorded as a sample or a failure.
Result<void> time_case(const TimedCase& timed, CaseRecord& record, int null_fd) {
    uint64_t start = now_ns();
    int status = TRY(run_once(timed.argv, null_fd));
    uint64_t elapsed = now_ns() - start;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        record.samples.push_back(elapsed);
        return Ok{};
    }
    record.failed++;
    if (!record.reported_failure)
        fprintf(stderr, "time_runs: case '%s' %s; its failed runs are left out of the figures\n",
                timed.name.c_str(), describe_status(status).c_str());
    record.reported_failure = true;
    return Ok{};
}

// The untimed first run: loads the programs into the page cache and finds a
// case that cannot run at all before time is spent on it.
Result<bool> warm_up(const TimedCase& timed, CaseRecord& record, int null_fd) {
    int status = TRY(run_once(timed.argv, null_fd));
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return true;
    fprintf(stderr, "time_runs: case '%s' %s on its first run; it is not timed\n",
            timed.name.c_str(), describe_status(status).c_str());
    record.failed = 1;
    record.reported_failure = true;
    return false;
}

void print_results(const TimeOptions& options, const std::vector<CaseRecord>& records) {
    printf("# case\tgood_runs\tfailed_runs\tmin_ns\tmedian_ns\tp90_ns\n");
    for (size_t c = 0; c < options.cases.size(); c++) {
        const CaseRecord& record = records[c];
        printf("%s\t%zu\t%u\t", options.cases[c].name.c_str(), record.samples.size(), record.failed);
        if (record.samples.empty()) {
            printf("-\t-\t-\n");
            continue;
        }
        Summary summary = summarize(record.samples);
        printf("%llu\t%llu\t%llu\n", static_cast<unsigned long long>(summary.min),
               static_cast<unsigned long long>(summary.median),
               static_cast<unsigned long long>(summary.p90));
    }
}

Result<void> time_all(const TimeOptions& options) {
    UniqueFd null_fd(open("/dev/null", O_WRONLY | O_CLOEXEC));
    if (!null_fd.valid())
        return fail("cannot open /dev/null: ", errno_text());
    std::vector<CaseRecord> records(options.cases.size());
    std::vector<bool> runnable(options.cases.size());
    for (size_t c = 0; c < options.cases.size(); c++)
        runnable[c] = TRY(warm_up(options.cases[c], records[c], null_fd.get()));
    for (unsigned run = 0; run < options.runs; run++) {
        for (size_t c = 0; c < options.cases.size(); c++) {
            if (runnable[c])
                TRY_VOID(time_case(options.cases[c], records[c], null_fd.get()));
        }
    }
    print_results(options, records);
    return Ok{};
}

}  // namespace

}  // namespace tenor::bench

int main(int argc, char** argv) {
    auto options = tenor::bench::parse_time_options(std::vector<std::string>(argv + 1, argv + argc));
    if (!options) {
        fprintf(stderr, "time_runs: %s\n", options.error().message.c_str());
        return 2;
    }
    auto done = tenor::bench::time_all(*options);
    if (!done) {
        fprintf(stderr, "time_runs: %s\n", done.error().message.c_str());
        return 1;
    }
    return 0;
}
