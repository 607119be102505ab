// paging_test.cc: the page-table builder, checked by walking the tables it builds.
#include <gtest/gtest.h>

#include "hvt/paging.h"

using namespace tenor;
using namespace tenor::hvt;

namespace {

constexpr uint64_t kMem = 16 << 20;
constexpr PagePerms kText{.user = true, .write = false, .exec = true};
constexpr PagePerms kData{.user = true, .write = true, .exec = false};
constexpr PagePerms kKernel{.user = false, .write = true, .exec = false};

struct PagingTest : ::testing::Test {
    GuestMemory memory = std::move(GuestMemory::create(kMem).value());
    PageTableBuilder builder = std::move(
        PageTableBuilder::create(memory, Gpa(0x10000), Gpa(0x20000)).value());
};

TEST_F(PagingTest, SmallPagesCarryTheirPermissions) {
    ASSERT_TRUE(builder.map(0x100000, 0x2000, kText).ok());
    ASSERT_TRUE(builder.map(0x102000, 0x1000, kData).ok());
    Translation text = translate(memory, builder.root(), 0x101234);
    EXPECT_TRUE(text.present);
    EXPECT_EQ(text.page_size, kPageSize);
    EXPECT_EQ(text.perms, kText);
    Translation data = translate(memory, builder.root(), 0x102fff);
    EXPECT_EQ(data.perms, kData);
    EXPECT_FALSE(translate(memory, builder.root(), 0x103000).present);
    EXPECT_FALSE(translate(memory, builder.root(), 0x0).present);
}

TEST_F(PagingTest, AlignedTwoMegabyteRangesUseLargePages) {
    ASSERT_TRUE(builder.map(0x200000, 0x600000, kData).ok());
    Translation t = translate(memory, builder.root(), 0x400123);
    EXPECT_TRUE(t.present);
    EXPECT_EQ(t.page_size, kLargePageSize);
    // PML4 + PDPT + PD only: no page tables for large pages.
    EXPECT_EQ(builder.pages_used(), 3u);
}

TEST_F(PagingTest, UnalignedEdgesFallBackToSmallPages) {
    ASSERT_TRUE(builder.map(0x1ff000, 0x202000, kData).ok());
    EXPECT_EQ(translate(memory, builder.root(), 0x1ff000).page_size, kPageSize);
    EXPECT_EQ(translate(memory, builder.root(), 0x200000).page_size, kLargePageSize);
    EXPECT_EQ(translate(memory, builder.root(), 0x400000).page_size, kPageSize);
    EXPECT_FALSE(translate(memory, builder.root(), 0x401000).present);
}

TEST_F(PagingTest, SupervisorPagesAreNotUserAccessible) {
    ASSERT_TRUE(builder.map(0x6000, 0x1000, kKernel).ok());
    Translation t = translate(memory, builder.root(), 0x6000);
    EXPECT_TRUE(t.present);
    EXPECT_FALSE(t.perms.user);
}

TEST_F(PagingTest, OverlapIsRefused) {
    ASSERT_TRUE(builder.map(0x100000, 0x1000, kText).ok());
    auto again = builder.map(0x100000, 0x1000, kData);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().message, "page-table overlap: 0x100000 is already mapped");
    ASSERT_TRUE(builder.map(0x400000, 0x200000, kData).ok());
    auto inside = builder.map(0x401000, 0x1000, kData);
    ASSERT_FALSE(inside.ok());
    EXPECT_EQ(inside.error().message,
              "page-table overlap: 0x401000 is already mapped by a large page");
}

TEST_F(PagingTest, BadRangesAreRefused) {
    EXPECT_EQ(builder.map(0x100001, 0x1000, kText).error().message,
              "mapping 0x100001+0x1000 is not page-aligned");
    EXPECT_EQ(builder.map(kMem - 0x1000, 0x2000, kText).error().message,
              "mapping 0xfff000+0x2000 lies outside guest memory");
    EXPECT_EQ(builder.map(0xfffffffffffff000ULL, 0x2000, kText).error().message,
              "mapping 0xfffffffffffff000+0x2000 lies outside guest memory");
}

TEST(PagingPool, ExhaustionIsAnError) {
    auto memory = GuestMemory::create(kMem).value();
    // Room for the root and two more tables only.
    auto builder = PageTableBuilder::create(memory, Gpa(0x10000), Gpa(0x13000)).value();
    auto result = builder.map(0x100000, 0x1000, kText);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("page tables need more than 3 pages"), std::string::npos);
}

TEST(PagingPool, PoolOutsideMemoryIsRefused) {
    auto memory = GuestMemory::create(kMem).value();
    EXPECT_FALSE(PageTableBuilder::create(memory, Gpa(kMem), Gpa(kMem + 0x1000)).ok());
    EXPECT_FALSE(PageTableBuilder::create(memory, Gpa(0x10800), Gpa(0x20000)).ok());
}

}  // namespace
