// main.cc: the command line of tenor-elftool: gen-manifest, query-manifest, query-abi, --help.
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "commands.h"

namespace {

using tenor::Result;
using tenor::fail;

constexpr std::string_view kUsage =
    "usage: tenor-elftool COMMAND ARGUMENTS...\n"
    "\n"
    "Commands:\n"
    "  gen-manifest SOURCE.json OUTPUT.c\n"
    "      Compile a JSON manifest into a C file defining the Solo5 \"MFT1\" note.\n"
    "      OUTPUT.c may be - for standard output. The output is replaced atomically\n"
    "      and left untouched on error.\n"
    "  query-manifest BINARY\n"
    "      Print the manifest of a unikernel as JSON, in the gen-manifest source format.\n"
    "  query-abi BINARY\n"
    "      Print the target and ABI version of a unikernel as JSON.\n"
    "\n"
    "Options:\n"
    "  --help     Print this help and exit.\n"
    "  --version  Print the version and exit.\n"
    "\n"
    "A manifest source looks like:\n"
    "  {\"type\": \"solo5.manifest\", \"version\": 1, \"devices\": [\n"
    "    {\"name\": \"service\", \"type\": \"NET_BASIC\"},\n"
    "    {\"name\": \"storage\", \"type\": \"BLOCK_BASIC\"}]}\n";

using Arguments = std::vector<std::string>;

Result<std::string> run_gen_manifest(const Arguments& args) {
    TRY_VOID(tenor::elftool::gen_manifest(args[0], args[1]));
    return std::string();
}

Result<std::string> run_query_manifest(const Arguments& args) {
    return tenor::elftool::query_manifest(args[0]);
}

Result<std::string> run_query_abi(const Arguments& args) {
    return tenor::elftool::query_abi(args[0]);
}

struct Command {
    std::string_view name;
    std::string_view arguments;
    size_t argument_count;
    // Called with exactly argument_count arguments; returns what to print.
    Result<std::string> (*run)(const Arguments& args);
};

constexpr Command kCommands[] = {
    {"gen-manifest", "SOURCE.json OUTPUT.c", 2, run_gen_manifest},
    {"query-manifest", "BINARY", 1, run_query_manifest},
    {"query-abi", "BINARY", 1, run_query_abi},
};

void print(std::FILE* stream, std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stream);
}

// Prints what a command produced (or its error) and returns the exit status.
int finish(const Result<std::string>& output) {
    if (!output) {
        print(stderr, "tenor-elftool: " + output.error().message + "\n");
        return 1;
    }
    print(stdout, output.value());
    if (std::fflush(stdout) != 0) {
        print(stderr, "tenor-elftool: cannot write to standard output\n");
        return 1;
    }
    return 0;
}

const Command* find_command(std::string_view name) {
    for (const Command& command : kCommands) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

Result<void> check_argument_count(const Command& command, size_t given) {
    if (given == command.argument_count)
        return tenor::Ok{};
    return fail(command.name, " takes ", command.argument_count,
                command.argument_count == 1 ? " argument" : " arguments", ", got ", given,
                ": usage: tenor-elftool ", command.name, " ", command.arguments);
}

Result<std::string> dispatch(std::span<char*> argv) {
    if (argv.empty())
        return fail("no command given: run tenor-elftool --help for the commands");
    std::string_view first = argv[0];
    if (first == "--help" || first == "-h")
        return std::string(kUsage);
    if (first == "--version")
        return std::string("tenor-elftool " TENOR_VERSION "\n");
    const Command* command = find_command(first);
    if (command == nullptr)
        return fail("unknown command '", first,
                    "': the commands are gen-manifest, query-manifest and query-abi "
                    "(run tenor-elftool --help)");
    Arguments args(argv.begin() + 1, argv.end());
    TRY_VOID(check_argument_count(*command, args.size()));
    return command->run(args);
}

}  // namespace

int main(int argc, char** argv) {
    size_t count = argc > 1 ? static_cast<size_t>(argc - 1) : 0;
    return finish(dispatch(std::span<char*>(argv + 1, count)));
}
