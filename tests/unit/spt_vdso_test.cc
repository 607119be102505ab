// spt_vdso_test.cc: the vDSO lookup that gives spt guests a clock without a system call.
#include <gtest/gtest.h>
#include <sys/auxv.h>

#include <ctime>

#include "spt/vdso.h"

using namespace tenor::spt;

namespace {

using ClockGettime = int (*)(clockid_t, timespec*);

uint64_t ns(const timespec& ts) {
    return static_cast<uint64_t>(ts.tv_sec) * 1000000000ULL + static_cast<uint64_t>(ts.tv_nsec);
}

TEST(SptVdso, FindsAWorkingClockGettime) {
    if (getauxval(AT_SYSINFO_EHDR) == 0)
        GTEST_SKIP() << "this process has no vDSO";
    uint64_t address = vdso_clock_gettime();
    ASSERT_NE(address, 0u);
    timespec before{}, from_vdso{}, after{};
    clock_gettime(CLOCK_MONOTONIC, &before);
    ASSERT_EQ(reinterpret_cast<ClockGettime>(address)(CLOCK_MONOTONIC, &from_vdso), 0);
    clock_gettime(CLOCK_MONOTONIC, &after);
    EXPECT_LE(ns(before), ns(from_vdso));
    EXPECT_LE(ns(from_vdso), ns(after));
}

TEST(SptVdso, UnknownSymbolsAndNoImageGiveZero) {
    EXPECT_EQ(vdso_symbol(getauxval(AT_SYSINFO_EHDR), "__vdso_no_such_function"), 0u);
    EXPECT_EQ(vdso_symbol(0, "__vdso_clock_gettime"), 0u);
}

}  // namespace
