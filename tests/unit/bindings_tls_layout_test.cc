// bindings_tls_layout_test.cc: where TLS data and the control block sit, as the linker's offsets need.
#include <gtest/gtest.h>

#include "../../bindings/common/tls_layout.h"

namespace tenor::bindings {
namespace {

// The expectations below were read off GNU ld's local-exec offsets (%fs:-N)
// for images of these sizes and alignments: tp - (size rounded up to align).
TEST(BindingsTlsLayout, DataSizeIsTheImageRoundedToItsAlignment) {
    EXPECT_EQ(tls_data_size(0, 1), 0u);
    EXPECT_EQ(tls_data_size(7, 4), 8u);
    EXPECT_EQ(tls_data_size(0x10, 8), 0x10u);
    EXPECT_EQ(tls_data_size(0x18, 16), 0x20u);
    EXPECT_EQ(tls_data_size(0x28, 32), 0x40u);
    EXPECT_EQ(tls_data_size(0x48, 64), 0x80u);
    EXPECT_EQ(tls_data_size(5, 0), 5u);
}

TEST(BindingsTlsLayout, BlockIsDataThenTheControlBlock) {
    EXPECT_EQ(tls_block_size(0, 1), kTcbSize);
    EXPECT_EQ(tls_block_size(0x18, 16), 0x20u + kTcbSize);
    EXPECT_EQ(tls_tp(0x200000, 0x18, 16), 0x200020u);
    EXPECT_EQ(tls_tp(0x200000, 0, 1), 0x200000u);
    // The canary word the Linux ABI puts at %fs:0x28 is inside the block.
    EXPECT_LT(kTcbCanaryOffset + sizeof(uint64_t), kTcbSize + 1);
}

}  // namespace
}  // namespace tenor::bindings
