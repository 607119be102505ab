// bindings_cmdline_test.cc: the bindings' command-line copy and --solo5: option handling.
//
// The bindings are built freestanding for the guest; their pure parts also
// compile on the host, so the test includes the source itself.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../../bindings/common/cmdline.cc"

namespace tenor::bindings {
namespace {

struct Stripped {
    std::string cmdline;
    std::vector<std::string> unknown;
};

Stripped strip(const std::string &cmdline) {
    std::vector<char> buf(cmdline.begin(), cmdline.end());
    buf.push_back('\0');
    Stripped out;
    cmdline_strip_options(
            buf.data(),
            [](const char *token, size_t len, void *ctx) {
                static_cast<std::vector<std::string> *>(ctx)->emplace_back(token, len);
            },
            &out.unknown);
    out.cmdline = buf.data();
    return out;
}

TEST(BindingsCmdline, LeavesACommandLineWithoutOptionsIntact) {
    for (const std::string text : {"", "hello", "Hello,  tenor\tand  more ", " lead", "--", "-- --solo5:quiet"})
        EXPECT_EQ(strip(text).cmdline, text);
}

TEST(BindingsCmdline, RemovesOptionsAndTheBlanksAfterThem) {
    EXPECT_EQ(strip("--solo5:quiet").cmdline, "");
    EXPECT_EQ(strip("--solo5:quiet hello world").cmdline, "hello world");
    EXPECT_EQ(strip("hello --solo5:debug world").cmdline, "hello world");
    EXPECT_EQ(strip("hello  --solo5:warn   world").cmdline, "hello  world");
    EXPECT_EQ(strip("hello --solo5:error").cmdline, "hello");
    EXPECT_EQ(strip("a --solo5:info --solo5:quiet b").cmdline, "a b");
    EXPECT_EQ(strip("  --solo5:info").cmdline, "");
}

TEST(BindingsCmdline, KeepsEverythingFromADoubleDashOn) {
    EXPECT_EQ(strip("--solo5:quiet -- --solo5:debug x").cmdline, "-- --solo5:debug x");
    EXPECT_EQ(strip("a -- b --solo5:quiet").cmdline, "a -- b --solo5:quiet");
    // Only a whole "--" token ends the options.
    EXPECT_EQ(strip("--x --solo5:quiet y").cmdline, "--x y");
}

TEST(BindingsCmdline, ReportsAndRemovesUnknownOptions) {
    Stripped s = strip("--solo5:loud a --solo5: --solo5:quiet --solo5:quietly b");
    EXPECT_EQ(s.cmdline, "a b");
    EXPECT_EQ(s.unknown, (std::vector<std::string>{"--solo5:loud", "--solo5:", "--solo5:quietly"}));
    EXPECT_TRUE(strip("--solo5:quiet x").unknown.empty());
    // Not an option: the prefix must start the token.
    EXPECT_EQ(strip("x--solo5:quiet").cmdline, "x--solo5:quiet");
}

TEST(BindingsCmdline, LogLevelIsTheLastOptionBeforeADoubleDash) {
    EXPECT_EQ(cmdline_log_level("", LogLevel::info), LogLevel::info);
    EXPECT_EQ(cmdline_log_level("hello", LogLevel::info), LogLevel::info);
    EXPECT_EQ(cmdline_log_level("--solo5:quiet", LogLevel::info), LogLevel::quiet);
    EXPECT_EQ(cmdline_log_level("a --solo5:error b", LogLevel::info), LogLevel::error);
    EXPECT_EQ(cmdline_log_level("--solo5:warn", LogLevel::info), LogLevel::warn);
    EXPECT_EQ(cmdline_log_level("--solo5:quiet --solo5:debug", LogLevel::info), LogLevel::debug);
    EXPECT_EQ(cmdline_log_level("--solo5:debug --solo5:bogus", LogLevel::info), LogLevel::debug);
    EXPECT_EQ(cmdline_log_level("-- --solo5:quiet", LogLevel::info), LogLevel::info);
    EXPECT_EQ(cmdline_log_level("--solo5:quietx", LogLevel::warn), LogLevel::warn);
}

TEST(BindingsCmdline, CopyStopsAtTheNulOrTheLimits) {
    char dst[8];
    EXPECT_TRUE(cmdline_copy(dst, sizeof(dst), "abc", 100));
    EXPECT_STREQ(dst, "abc");
    EXPECT_TRUE(cmdline_copy(dst, sizeof(dst), "1234567", 100));
    EXPECT_STREQ(dst, "1234567");
    // Too long for the destination: cut and reported.
    EXPECT_FALSE(cmdline_copy(dst, sizeof(dst), "12345678", 100));
    EXPECT_STREQ(dst, "1234567");
    // No NUL within the readable source bytes: cut there, never read past.
    const char unterminated[3] = {'x', 'y', 'z'};
    EXPECT_FALSE(cmdline_copy(dst, sizeof(dst), unterminated, sizeof(unterminated)));
    EXPECT_STREQ(dst, "xyz");
    EXPECT_FALSE(cmdline_copy(dst, 0, "abc", 100));
}

}  // namespace
}  // namespace tenor::bindings
