// main.cc: tenor-hvt, the KVM monitor: parses the command line and runs the unikernel.
#include <cstdio>
#include <string>
#include <vector>

#include "common/cli.h"
#include "monitor.h"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    auto options = tenor::parse_options(args, tenor::hvt::kMaxMemMib);
    if (!options) {
        fprintf(stderr, "tenor-hvt: %s\n", options.error().message.c_str());
        return 1;
    }
    if (options->help) {
        fputs(tenor::usage_text("tenor-hvt").c_str(), stdout);
        return 0;
    }
    if (options->version) {
        printf("tenor-hvt %s (Solo5 API, tenor hvt ABI)\n", TENOR_VERSION);
        return 0;
    }
    auto status = tenor::hvt::run_unikernel(*options);
    if (!status) {
        fprintf(stderr, "tenor-hvt: %s\n", status.error().message.c_str());
        return 1;
    }
    return *status;
}
