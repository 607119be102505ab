// bindings_spt_block_chunk_test.cc: how the spt bindings split block I/O into the lengths the
// seccomp filter allows.
//
// The bindings are built freestanding for the guest; their pure parts also
// compile on the host, so the test includes the header itself.
#include <gtest/gtest.h>

#include <vector>

#include "../../bindings/spt/block_chunk.h"

namespace tenor::bindings::spt {
namespace {

constexpr uint64_t kMax = 1 << 20;

std::vector<uint64_t> chunks(uint64_t size, uint64_t block_size) {
    std::vector<uint64_t> out;
    for (uint64_t done = 0; done < size;) {
        uint64_t len = block_chunk(size - done, block_size, kMax);
        out.push_back(len);
        done += len;
    }
    return out;
}

TEST(BindingsSptBlockChunk, LargestPowerOfTwoOfTheBlockSizeFirst) {
    EXPECT_EQ(chunks(512, 512), (std::vector<uint64_t>{512}));
    EXPECT_EQ(chunks(3 * 512, 512), (std::vector<uint64_t>{1024, 512}));
    EXPECT_EQ(chunks(7 * 4096, 4096), (std::vector<uint64_t>{16384, 8192, 4096}));
    EXPECT_EQ(chunks(kMax, 512), (std::vector<uint64_t>{kMax}));
    EXPECT_EQ(chunks(kMax - 512, 512).size(), 11u);
}

TEST(BindingsSptBlockChunk, NeverAboveTheMaximum) {
    EXPECT_EQ(block_chunk(4 * kMax, 512, kMax), kMax);
    EXPECT_EQ(block_chunk(kMax, kMax, kMax), kMax);
    // Every chunk is block_size << k.
    for (uint64_t len : chunks(1000 * 512, 512)) {
        EXPECT_EQ(len % 512, 0u);
        EXPECT_EQ((len / 512) & (len / 512 - 1), 0u) << len;
    }
}

}  // namespace
}  // namespace tenor::bindings::spt
