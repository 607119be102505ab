// spt_layout_test.cc: the spt guest memory plan: contiguous regions with their protections.
#include <gtest/gtest.h>
#include <sys/mman.h>

#include "spt/layout.h"
#include "tenor/spt_abi.h"

using namespace tenor;
using namespace tenor::spt;

namespace {

ElfImage three_segment_image() {
    ElfImage image;
    image.entry = 0x100000;
    image.loads = {{0x100000, 0x2500, 0x1000, 0x2500, true, false, true},
                   {0x103000, 0x800, 0x4000, 0x800, true, false, false},
                   {0x104000, 0x3000, 0x5000, 0x10, true, true, false}};
    image.load_end = 0x107000;
    return image;
}

TEST(SptLayout, RegionsCoverGuestMemoryContiguously) {
    auto layout = plan_layout(16 << 20, three_segment_image()).value();
    ASSERT_FALSE(layout.regions.empty());
    EXPECT_EQ(layout.regions.front().start, TENOR_SPT_MEM_BASE);
    EXPECT_EQ(layout.regions.back().end, uint64_t{16 << 20});
    for (size_t i = 1; i < layout.regions.size(); i++)
        EXPECT_EQ(layout.regions[i].start, layout.regions[i - 1].end) << layout.regions[i].what;
}

TEST(SptLayout, ProtectionsFollowTheSegmentsAndHideTheReservedPages) {
    auto layout = plan_layout(16 << 20, three_segment_image()).value();
    EXPECT_EQ(protection_at(layout, TENOR_SPT_BOOT_INFO), PROT_READ);
    EXPECT_EQ(protection_at(layout, TENOR_SPT_CMDLINE + 0x1fff), PROT_READ);
    EXPECT_EQ(protection_at(layout, TENOR_SPT_MANIFEST), PROT_READ);
    EXPECT_EQ(protection_at(layout, TENOR_SPT_RESERVED_END), PROT_NONE);
    EXPECT_EQ(protection_at(layout, 0xfffff), PROT_NONE);
    EXPECT_EQ(protection_at(layout, 0x100000), PROT_READ | PROT_EXEC);
    EXPECT_EQ(protection_at(layout, 0x103000), PROT_READ);
    EXPECT_EQ(protection_at(layout, 0x106fff), PROT_READ | PROT_WRITE);
    EXPECT_EQ(protection_at(layout, 0x107000), PROT_READ | PROT_WRITE);  // heap
    EXPECT_EQ(protection_at(layout, layout.guard_page()), PROT_NONE);
    EXPECT_EQ(protection_at(layout, layout.stack_bottom), PROT_READ | PROT_WRITE);
    // Outside guest memory: the zero page and beyond the top.
    EXPECT_EQ(protection_at(layout, 0x8), -1);
    EXPECT_EQ(protection_at(layout, 16 << 20), -1);
}

TEST(SptLayout, HeapAndStackAsOnHvt) {
    auto layout = plan_layout(16 << 20, three_segment_image()).value();
    EXPECT_EQ(layout.heap_start, 0x107000u);
    EXPECT_EQ(layout.stack_top, uint64_t{16 << 20});
    EXPECT_EQ(layout.stack_bottom, uint64_t{14 << 20});
    EXPECT_EQ(layout.heap_end, layout.guard_page());
    EXPECT_EQ(layout.guard_page(), uint64_t{14 << 20} - 4096);
}

TEST(SptLayout, GapsBetweenSegmentsAreUnmapped) {
    ElfImage image = three_segment_image();
    image.loads[1].vaddr = 0x105000;
    image.loads[2].vaddr = 0x106000;
    image.load_end = 0x109000;
    auto layout = plan_layout(16 << 20, image).value();
    EXPECT_EQ(protection_at(layout, 0x103000), PROT_NONE);
    EXPECT_EQ(protection_at(layout, 0x104fff), PROT_NONE);
    EXPECT_EQ(protection_at(layout, 0x105000), PROT_READ);
}

TEST(SptLayout, TooSmallMemorySaysHowMuchIsNeeded) {
    ElfImage image = three_segment_image();
    image.loads[2].memsz = 0x1c0000;
    image.load_end = 0x2c4000;
    auto layout = plan_layout(3 << 20, image);
    ASSERT_FALSE(layout.ok());
    EXPECT_EQ(layout.error().message, "--mem=3 is too small for this unikernel: it needs at least 4 MiB");
}

}  // namespace
