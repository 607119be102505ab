// spt_fault_test.cc: tenor-spt's fault reports, decoded from synthetic signal contexts, in hvt's words.
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstring>

#include "spt/fault.h"

using namespace tenor;
using namespace tenor::spt;

namespace {

// Page-fault error code bits (Intel SDM Vol. 3A, 4.7), plus the user bit
// Linux always reports for a user-mode fault.
constexpr uint64_t kPresent = 1, kWrite = 2, kUser = 4, kFetch = 16;

Layout test_layout() {
    ElfImage image;
    image.loads = {{0x100000, 0x1000, 0, 0x1000, true, false, true},
                   {0x101000, 0x1000, 0, 0x1000, true, true, false}};
    image.load_end = 0x102000;
    return plan_layout(16 << 20, image).value();
}

struct Signal {
    siginfo_t info{};
    mcontext_t mcontext{};
};

Signal signal_of(int signo, int code, unsigned trapno, uint64_t err, uint64_t rip, uint64_t cr2) {
    Signal s;
    s.info.si_signo = signo;
    s.info.si_code = code;
    s.mcontext.gregs[REG_TRAPNO] = trapno;
    s.mcontext.gregs[REG_ERR] = static_cast<greg_t>(err);
    s.mcontext.gregs[REG_RIP] = static_cast<greg_t>(rip);
    s.mcontext.gregs[REG_CR2] = static_cast<greg_t>(cr2);
    return s;
}

std::string describe(const Signal& s) {
    FaultContext context = fault_context(test_layout());
    char text[256];
    describe_fault(decode_fault(s.info, s.mcontext, context), text, sizeof text);
    return text;
}

TEST(SptFault, NullWriteIsNotMapped) {
    EXPECT_EQ(describe(signal_of(SIGSEGV, SEGV_MAPERR, 14, kWrite | kUser, 0x100123, 0x8)),
              "page fault writing at 0x8 (not mapped): a null pointer dereference, rip 0x100123");
}

TEST(SptFault, WriteToReadOnlyIsAProtectionViolation) {
    EXPECT_EQ(describe(signal_of(SIGSEGV, SEGV_ACCERR, 14, kPresent | kWrite | kUser, 0x100200, 0x100010)),
              "page fault writing at 0x100010 (protection violation), rip 0x100200");
}

// The kernel fills page tables lazily: a first touch lacks the present bit
// although the page is mapped; si_code says so.
TEST(SptFault, ExecutingAnUntouchedDataPageIsAProtectionViolation) {
    EXPECT_EQ(describe(signal_of(SIGSEGV, SEGV_ACCERR, 14, kFetch | kUser, 0x101000, 0x101000)),
              "page fault executing at 0x101000 (protection violation), rip 0x101000");
}

// PROT_NONE pages stand for unmapped ones, as hvt leaves them out of its page tables.
TEST(SptFault, GuardPageIsAStackOverflowOfAnUnmappedPage) {
    uint64_t guard = test_layout().guard_page();
    EXPECT_EQ(describe(signal_of(SIGSEGV, SEGV_ACCERR, 14, kWrite | kUser, 0x100300, guard + 0xff8)),
              "stack overflow: page fault writing at 0xdffff8 (not mapped) in the guard page below "
              "the stack, rip 0x100300");
    EXPECT_EQ(describe(signal_of(SIGSEGV, SEGV_ACCERR, 14, kUser, 0x100300, 0x20000)),
              "page fault reading at 0x20000 (not mapped), rip 0x100300");
}

TEST(SptFault, OtherExceptionsByVector) {
    EXPECT_EQ(describe(signal_of(SIGFPE, FPE_INTDIV, 0, 0, 0x100010, 0)), "divide error, rip 0x100010");
    EXPECT_EQ(describe(signal_of(SIGILL, ILL_ILLOPN, 6, 0, 0x100010, 0)), "invalid opcode, rip 0x100010");
    EXPECT_EQ(describe(signal_of(SIGSEGV, SI_KERNEL, 13, 0, 0x100010, 0)), "general protection fault, rip 0x100010");
    EXPECT_EQ(describe(signal_of(SIGTRAP, SI_KERNEL, 3, 0, 0x100011, 0)), "breakpoint, rip 0x100011");
    EXPECT_EQ(describe(signal_of(SIGBUS, BUS_ADRALN, 17, 0, 0x100010, 0)), "alignment check, rip 0x100010");
}

TEST(SptFault, ContextListsTheUnmappedRanges) {
    Layout layout = test_layout();
    FaultContext context = fault_context(layout);
    EXPECT_EQ(context.guard_page, layout.guard_page());
    ASSERT_EQ(context.unmapped_count, 2);
    EXPECT_EQ(context.unmapped_start[0], 0x15000u);
    EXPECT_EQ(context.unmapped_end[0], 0x100000u);
    EXPECT_EQ(context.unmapped_start[1], layout.guard_page());
}

}  // namespace
