// bindings_format_test.cc: the bindings' printf-style formatter, compared with the host's snprintf.
//
// The bindings are built freestanding for the guest; their pure parts also
// compile on the host, so the test includes the source itself.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "../../bindings/common/format.cc"

namespace tenor::bindings {
namespace {

template <typename... Args>
std::string ours(const char *fmt, Args... args) {
    char buf[256];
    size_t len = format(buf, sizeof(buf), fmt, args...);
    EXPECT_EQ(len, std::string(buf).size());
    return buf;
}

template <typename... Args>
std::string libc(const char *fmt, Args... args) {
    char buf[256];
    snprintf(buf, sizeof(buf), fmt, args...);
    return buf;
}

#define EXPECT_LIKE_LIBC(...) EXPECT_EQ(ours(__VA_ARGS__), libc(__VA_ARGS__))

TEST(BindingsFormat, IntegersMatchLibc) {
    EXPECT_LIKE_LIBC("%d %i %u", 0, -1, 42u);
    EXPECT_LIKE_LIBC("%d", INT32_MIN);
    EXPECT_LIKE_LIBC("%ld %lu", static_cast<long>(INT64_MIN), static_cast<unsigned long>(UINT64_MAX));
    EXPECT_LIKE_LIBC("%lld %llx", -5LL, 0xdeadbeefcafeULL);
    EXPECT_LIKE_LIBC("%zu %zx", static_cast<size_t>(12345), static_cast<size_t>(255));
    EXPECT_LIKE_LIBC("%x %X", 0xabcdefu, 0xabcdefu);
    EXPECT_LIKE_LIBC("%hhu %hd", 300, 70000);
}

TEST(BindingsFormat, WidthsFlagsAndPrecisionMatchLibc) {
    EXPECT_LIKE_LIBC("[%5d] [%-5d] [%05d] [%05d]", 42, 42, 42, -42);
    EXPECT_LIKE_LIBC("[%10s] [%-10s]", "text", "text");
    EXPECT_LIKE_LIBC("[%*d] [%.*s]", 6, 7, 3, "abcdef");
    EXPECT_LIKE_LIBC("[%.2s] [%8.3s]", "abcdef", "abcdef");
    EXPECT_LIKE_LIBC("[%08lx] [%c] [%%]", 0x1fUL, 'q');
    EXPECT_LIKE_LIBC("%2d", 12345);
}

TEST(BindingsFormat, PointersAndNullStrings) {
    EXPECT_EQ(ours("%p", reinterpret_cast<void *>(0x1234)), "0x1234");
    EXPECT_EQ(ours("%p", static_cast<void *>(nullptr)), "0x0");
    EXPECT_EQ(ours("%s", static_cast<const char *>(nullptr)), "(null)");
}

TEST(BindingsFormat, UnknownConversionsShowAsWritten) {
    EXPECT_EQ(ours("a %q b"), "a %q b");
    EXPECT_EQ(ours("end %"), "end %");
}

TEST(BindingsFormat, CutsAtTheBufferButCountsEverything) {
    char buf[6];
    EXPECT_EQ(format(buf, sizeof(buf), "%s", "hello world"), 11u);
    EXPECT_STREQ(buf, "hello");
    EXPECT_EQ(format(buf, sizeof(buf), "%d", 1234567), 7u);
    EXPECT_STREQ(buf, "12345");
    char untouched = 'x';
    EXPECT_EQ(format(&untouched, 0, "abc"), 3u);
    EXPECT_EQ(untouched, 'x');
}

}  // namespace
}  // namespace tenor::bindings
