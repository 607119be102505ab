// fault_text_test.cc: the shared, allocation-free fault wording and its fixed-size text buffer.
#include <gtest/gtest.h>

#include "common/fault_text.h"

using namespace tenor;

namespace {

TEST(FaultText, FixedTextAppendsAndCutsSafely) {
    char buf[12];
    FixedText text(buf, sizeof buf);
    text.add("rip ").add_hex(0x1234).add(" #").add_decimal(42);
    EXPECT_STREQ(buf, "rip 0x1234 ");
    EXPECT_EQ(text.length(), 11u);
    text.add("more");
    EXPECT_STREQ(buf, "rip 0x1234 ");
}

TEST(FaultText, NumbersAtTheirExtremes) {
    char buf[64];
    FixedText(buf, sizeof buf).add_hex(0).add(" ").add_hex(~0ULL).add(" ").add_decimal(0).add(" ").add_decimal(~0ULL);
    EXPECT_STREQ(buf, "0x0 0xffffffffffffffff 0 18446744073709551615");
}

TEST(FaultText, UnnamedVectorsAndAZeroSizedBuffer) {
    FaultReport report;
    report.vector = 40;
    report.rip = 0x100000;
    char buf[64];
    EXPECT_EQ(describe_fault(report, buf, sizeof buf), 26u);
    EXPECT_STREQ(buf, "exception 40, rip 0x100000");
    EXPECT_EQ(describe_fault(report, buf, 0), 0u);
    EXPECT_EQ(exception_name_or_null(21), std::string("control protection exception"));
    EXPECT_EQ(exception_name_or_null(22), nullptr);
}

TEST(FaultText, PageFaultErrorCodes) {
    EXPECT_EQ(page_fault_access(0x15), FaultAccess::execute);
    EXPECT_EQ(page_fault_access(0x6), FaultAccess::write);
    EXPECT_EQ(page_fault_access(0x4), FaultAccess::read);
    EXPECT_EQ(page_fault_cause(0x7), FaultCause::protection);
    EXPECT_EQ(page_fault_cause(0x6), FaultCause::not_mapped);
    EXPECT_EQ(page_fault_cause(0xf), FaultCause::reserved_bit);
}

}  // namespace
