// bindings_poll_window_test.cc: how the hvt bindings adapt the time solo5_yield() spins on the network rings before sleeping in the monitor.
//
// The bindings are built freestanding for the guest; the poll window is pure
// logic that also compiles on the host, so the test includes it directly.
#include <gtest/gtest.h>

#include "../../bindings/hvt/poll_window.h"

namespace tenor::bindings::hvt {
namespace {

constexpr uint64_t kUs = 1000;

TEST(PollWindow, StartsWithoutSpinning) {
    PollWindow window;
    EXPECT_EQ(window.ns(), 0u);
}

TEST(PollWindow, GrowsWhileInputComesSoonAfterSleeping) {
    PollWindow window;
    window.after_sleep(5 * kUs, true);
    EXPECT_EQ(window.ns(), PollWindow::kStartNs);
    window.after_sleep(5 * kUs, true);
    EXPECT_EQ(window.ns(), 2 * PollWindow::kStartNs);
    for (int i = 0; i < 20; i++)
        window.after_sleep(5 * kUs, true);
    EXPECT_EQ(window.ns(), PollWindow::kMaxNs);
}

TEST(PollWindow, ShrinksToNothingWhileSleepsTimeOut) {
    PollWindow window;
    for (int i = 0; i < 20; i++)
        window.after_sleep(5 * kUs, true);
    ASSERT_EQ(window.ns(), PollWindow::kMaxNs);
    window.after_sleep(1000 * kUs, false);
    EXPECT_EQ(window.ns(), PollWindow::kMaxNs / 2);
    for (int i = 0; i < 10; i++)
        window.after_sleep(1000 * kUs, false);
    EXPECT_EQ(window.ns(), 0u);
}

TEST(PollWindow, ShrinksWhenInputComesLongAfterTheLargestWindow) {
    PollWindow window;
    window.after_sleep(5 * kUs, true);
    window.after_sleep(5 * kUs, true);
    ASSERT_EQ(window.ns(), 2 * PollWindow::kStartNs);
    window.after_sleep(5 * kUs + PollWindow::kMaxNs + 1, true);
    EXPECT_EQ(window.ns(), PollWindow::kStartNs);
}

// On a nested host a sleep costs over 100 us even when input is already
// there: that cost must not count as waiting, or the window never grows.
TEST(PollWindow, TakesTheCostOfTheExitOffBeforeJudging) {
    PollWindow window;
    constexpr uint64_t exit_cost = 150 * kUs;
    window.after_sleep(exit_cost, true);
    EXPECT_EQ(window.exit_ns(), exit_cost);
    EXPECT_EQ(window.ns(), PollWindow::kStartNs);
    // 150 us of exit plus 100 us of waiting: a window of 200 us would have caught it.
    window.after_sleep(exit_cost + 100 * kUs, true);
    EXPECT_EQ(window.ns(), 2 * PollWindow::kStartNs);
    // 150 us of exit plus 300 us of waiting: spinning would not have paid.
    window.after_sleep(exit_cost + 300 * kUs, true);
    EXPECT_EQ(window.ns(), PollWindow::kStartNs);
}

TEST(PollWindow, TimeoutsDoNotLowerTheExitCost) {
    PollWindow window;
    window.after_sleep(0, false);
    EXPECT_EQ(window.exit_ns(), UINT64_MAX);
    window.after_sleep(50 * kUs, true);
    EXPECT_EQ(window.exit_ns(), 50 * kUs);
}

// A descheduled vCPU gains nothing by spinning: the window closes at once,
// and opens again as sleeps end with input soon.
TEST(PollWindow, ClosesWhenTheVcpuWasDescheduled) {
    PollWindow window;
    for (int i = 0; i < 20; i++)
        window.after_sleep(5 * kUs, true);
    ASSERT_EQ(window.ns(), PollWindow::kMaxNs);
    window.after_preemption();
    EXPECT_EQ(window.ns(), 0u);
    window.after_sleep(5 * kUs, true);
    EXPECT_EQ(window.ns(), PollWindow::kStartNs);
}

}  // namespace
}  // namespace tenor::bindings::hvt
