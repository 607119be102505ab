// main.cc: tenor-spt, the seccomp-sandboxed process monitor: parses the command line and runs the
// unikernel inside this very process.
#include <cstdio>
#include <string>
#include <vector>

#include "common/cli.h"
#include "monitor.h"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    auto options = tenor::parse_options(args, tenor::spt::kMaxMemMib);
    if (!options) {
        fprintf(stderr, "tenor-spt: %s\n", options.error().message.c_str());
        return 1;
    }
    if (options->help) {
        fputs(tenor::usage_text("tenor-spt").c_str(), stdout);
        return 0;
    }
    if (options->version) {
        printf("tenor-spt %s (Solo5 API, tenor spt ABI)\n", TENOR_VERSION);
        return 0;
    }
    // Returns only if the guest could not be started.
    auto started = tenor::spt::run_unikernel(*options);
    fprintf(stderr, "tenor-spt: %s\n", started.error().message.c_str());
    return 1;
}
