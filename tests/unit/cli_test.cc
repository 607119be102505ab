// cli_test.cc: the monitors' command line, including every malformed flag.
#include <gtest/gtest.h>

#include "common/cli.h"

using namespace tenor;

namespace {

Result<Options> parse(std::vector<std::string> args) { return parse_options(args, 4094); }

std::string error_of(std::vector<std::string> args) {
    auto result = parse(std::move(args));
    return result.ok() ? "(accepted)" : result.error().message;
}

TEST(Cli, KernelArgsAndDefaults) {
    auto options = parse({"app.hvt", "a", "--b", "c"}).value();
    EXPECT_EQ(options.mem_mib, 512u);
    EXPECT_EQ(options.kernel, "app.hvt");
    EXPECT_EQ(join_guest_args(options.guest_args), "a --b c");
}

TEST(Cli, DevicesAndMemory) {
    auto options = parse({"--mem=64", "--block:storage=disk.img", "--block-sector-size:storage=4096",
                          "--net:service=tap0", "--net-mac:service=02:00:00:0a:Bc:01", "--", "k.hvt"})
                       .value();
    EXPECT_EQ(options.mem_mib, 64u);
    EXPECT_EQ(options.blocks.at("storage"), "disk.img");
    EXPECT_EQ(options.block_sector_sizes.at("storage"), 4096u);
    EXPECT_EQ(options.nets.at("service"), "tap0");
    std::array<uint8_t, 6> mac{0x02, 0, 0, 0x0a, 0xbc, 0x01};
    EXPECT_EQ(options.net_macs.at("service"), mac);
    EXPECT_EQ(options.kernel, "k.hvt");
}

TEST(Cli, DoubleDashAllowsKernelStartingWithDash) {
    EXPECT_EQ(parse({"--", "-odd.hvt"}).value().kernel, "-odd.hvt");
}

TEST(Cli, HelpAndVersionNeedNoKernel) {
    EXPECT_TRUE(parse({"--help"}).value().help);
    EXPECT_TRUE(parse({"--version"}).value().version);
}

TEST(Cli, BadMemory) {
    EXPECT_EQ(error_of({"--mem=abc", "k"}),
              "invalid --mem value 'abc': give the guest's memory in MiB, from 2 to 4094 (e.g. --mem=64)");
    EXPECT_EQ(error_of({"--mem=0", "k"}),
              "invalid --mem value '0': give the guest's memory in MiB, from 2 to 4094 (e.g. --mem=64)");
    EXPECT_EQ(error_of({"--mem=4095", "k"}),
              "invalid --mem value '4095': give the guest's memory in MiB, from 2 to 4094 (e.g. --mem=64)");
    EXPECT_EQ(error_of({"--mem=", "k"}),
              "invalid --mem value '': give the guest's memory in MiB, from 2 to 4094 (e.g. --mem=64)");
    EXPECT_EQ(error_of({"--mem=1", "k"}), "--mem=1 is too small: a unikernel needs at least 2 MiB");
    EXPECT_EQ(error_of({"--mem=99999999999999999999999", "k"}).substr(0, 22), "invalid --mem value '9");
}

TEST(Cli, MalformedDeviceFlags) {
    EXPECT_EQ(error_of({"--block:storage", "k"}),
              "malformed option '--block:storage': expected --block:NAME=PATH");
    EXPECT_EQ(error_of({"--block:st-or=x", "k"}),
              "malformed option '--block:st-or=x': device name 'st-or' must be 1 to 67 letters or digits");
    EXPECT_EQ(error_of({"--net:=tap0", "k"}),
              "malformed option '--net:=tap0': device name '' must be 1 to 67 letters or digits");
    EXPECT_EQ(error_of({"--block:a=x", "--block:a=y", "k"}),
              "option --block:a is given more than once: keep one");
    EXPECT_EQ(error_of({"--block-sector-size:a=4k", "k"}),
              "invalid sector size in '--block-sector-size:a=4k': give a number of bytes such as 512 or 4096");
    EXPECT_EQ(error_of({std::string("--block:") + std::string(68, 'a') + "=x", "k"}).substr(0, 17),
              "malformed option ");
}

TEST(Cli, Macs) {
    EXPECT_EQ(error_of({"--net-mac:n=01:00:00:00:00:01", "k"}),
              "invalid MAC in '--net-mac:n=01:00:00:00:00:01': '01:00:00:00:00:01' is a multicast "
              "address: a NIC needs a unicast MAC (even first byte)");
    EXPECT_EQ(error_of({"--net-mac:n=02:00:00:00:00", "k"}),
              "invalid MAC in '--net-mac:n=02:00:00:00:00': '02:00:00:00:00' is not of the form "
              "xx:xx:xx:xx:xx:xx");
    EXPECT_FALSE(parse_mac("02-00-00-00-00-01").ok());
    EXPECT_FALSE(parse_mac("02:00:00:00:00:0g").ok());
}

TEST(Cli, UnknownFlagAndMissingKernel) {
    EXPECT_EQ(error_of({"--bogus", "k"}), "unknown option '--bogus': see --help");
    EXPECT_EQ(error_of({"--mem=16"}),
              "missing KERNEL: give the unikernel to run after the options (see --help)");
    EXPECT_EQ(error_of({}), "missing KERNEL: give the unikernel to run after the options (see --help)");
}

}  // namespace
