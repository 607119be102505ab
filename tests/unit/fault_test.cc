// fault_test.cc: the one-line fault diagnostics users see.
#include <gtest/gtest.h>

#include "hvt/fault.h"

using namespace tenor::hvt;

namespace {

Layout test_layout() {
    Layout layout{};
    layout.mem_size = 16 << 20;
    layout.stack_top = 16 << 20;
    layout.stack_bottom = (16 << 20) - (2 << 20);
    return layout;
}

TEST(Fault, NullWrite) {
    TrapInfo trap{14, 0x6, 0x100123, 0x0, 0x8};
    EXPECT_EQ(describe_trap(trap, test_layout()),
              "page fault writing at 0x8 (not mapped): a null pointer dereference, rip 0x100123");
}

TEST(Fault, WriteToReadOnly) {
    TrapInfo trap{14, 0x7, 0x100200, 0x0, 0x103000};
    EXPECT_EQ(describe_trap(trap, test_layout()),
              "page fault writing at 0x103000 (protection violation), rip 0x100200");
}

TEST(Fault, ExecuteData) {
    TrapInfo trap{14, 0x15, 0x104000, 0x0, 0x104000};
    EXPECT_EQ(describe_trap(trap, test_layout()),
              "page fault executing at 0x104000 (protection violation), rip 0x104000");
}

TEST(Fault, GuardPageIsAStackOverflow) {
    uint64_t guard = test_layout().guard_page();
    TrapInfo trap{14, 0x6, 0x100300, guard + 0x10, guard + 0xff8};
    EXPECT_EQ(describe_trap(trap, test_layout()),
              "stack overflow: page fault writing at 0xdffff8 (not mapped) in the guard page below "
              "the stack, rip 0x100300");
}

TEST(Fault, OtherExceptions) {
    EXPECT_EQ(describe_trap({0, 0, 0x100010, 0, 0}, test_layout()), "divide error, rip 0x100010");
    EXPECT_EQ(describe_trap({6, 0, 0x100010, 0, 0}, test_layout()), "invalid opcode, rip 0x100010");
    EXPECT_EQ(describe_trap({13, 0, 0x100010, 0, 0}, test_layout()),
              "general protection fault, rip 0x100010");
    EXPECT_EQ(describe_trap({13, 0x1a, 0x100010, 0, 0}, test_layout()),
              "general protection fault (selector/vector 0x1a), rip 0x100010");
    EXPECT_EQ(exception_name(19), "SIMD floating-point exception");
    EXPECT_EQ(exception_name(40), "exception 40");
}

}  // namespace
