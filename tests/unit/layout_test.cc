// layout_test.cc: the guest memory plan and TSC scaling.
#include <gtest/gtest.h>

#include "hvt/boot.h"
#include "hvt/layout.h"
#include "tenor/hvt_abi.h"

using namespace tenor;
using namespace tenor::hvt;

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

const Region* find(const Layout& layout, const std::string& what) {
    for (const Region& r : layout.regions)
        if (r.what == what)
            return &r;
    return nullptr;
}

TEST(Layout, RegionsAscendWithoutOverlapAndGuardIsUnmapped) {
    auto layout = plan_layout(16 << 20, three_segment_image()).value();
    uint64_t previous_end = 0x1000;  // the zero page is never mapped
    for (const Region& r : layout.regions) {
        EXPECT_GE(r.start, previous_end) << r.what;
        EXPECT_LE(r.start, r.end) << r.what;
        previous_end = r.end;
    }
    EXPECT_EQ(layout.heap_start, 0x107000u);
    EXPECT_EQ(layout.stack_top, uint64_t{16 << 20});
    EXPECT_EQ(layout.stack_bottom, uint64_t{14 << 20});
    EXPECT_EQ(find(layout, "heap")->end, layout.guard_page());
    EXPECT_EQ(find(layout, "stack")->start, layout.guard_page() + kPageSize);
}

TEST(Layout, PermissionsFollowSegmentsAndMonitorPagesArePrivate) {
    auto layout = plan_layout(16 << 20, three_segment_image()).value();
    EXPECT_EQ(find(layout, "text")->perms, (PagePerms{true, false, true}));
    EXPECT_EQ(find(layout, "rodata")->perms, (PagePerms{true, false, false}));
    EXPECT_EQ(find(layout, "data")->perms, (PagePerms{true, true, false}));
    EXPECT_EQ(find(layout, "data")->end, 0x107000u);
    EXPECT_EQ(find(layout, "boot info")->perms, (PagePerms{true, false, false}));
    EXPECT_FALSE(find(layout, "GDT")->perms.user);
    EXPECT_FALSE(find(layout, "IDT")->perms.user);
    EXPECT_FALSE(find(layout, "TSS")->perms.user);
    EXPECT_FALSE(find(layout, "trap stubs")->perms.user);
    EXPECT_FALSE(find(layout, "trap stack")->perms.user);
    for (const Region& r : layout.regions)
        EXPECT_FALSE(r.perms.write && r.perms.exec) << r.what;
    EXPECT_EQ(find(layout, "page tables"), nullptr);
}

TEST(Layout, TooLittleMemoryIsExplained) {
    ElfImage image = three_segment_image();
    image.loads.push_back({0x200000, 0x300000, 0x8000, 0, true, true, false});
    image.load_end = 0x500000;
    auto result = plan_layout(4 << 20, image);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message, "--mem=4 is too small for this unikernel: it needs at least 6 MiB");
}

TEST(Layout, StackSizeScalesWithMemoryWithinBounds) {
    EXPECT_EQ(stack_size_for(2 << 20), 256u * 1024);
    EXPECT_EQ(stack_size_for(16 << 20), 2u << 20);
    EXPECT_EQ(stack_size_for(512ULL << 20), 8u << 20);
}

TEST(TscScale, ConvertsTicksToNanoseconds) {
    for (uint64_t hz : {1000000000ULL, 2599998000ULL, 3000000000ULL, 100000000ULL}) {
        TscScale scale = tsc_scale(hz);
        unsigned __int128 ticks = hz * 10;  // ten seconds
        uint64_t ns = static_cast<uint64_t>((ticks * scale.mult) >> scale.shift);
        // Rounding mult down loses under 1 ns per 2^32 / (1e9 / hz) ticks: < 1 ppb.
        EXPECT_NEAR(static_cast<double>(ns), 10e9, 10.0) << hz;
    }
}

}  // namespace
