// hypercalls_test.cc: hypercall argument checking with hostile values.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "hvt/hypercalls.h"
#include "solo5.h"
#include "tenor/hvt_abi.h"

using namespace tenor;
using namespace tenor::hvt;

namespace {

constexpr uint64_t kMem = 16 << 20;
constexpr uint64_t kArgs = 0x200000;

struct HypercallTest : ::testing::Test {
    GuestMemory memory = std::move(GuestMemory::create(kMem).value());
    AttachedDevices devices;
    volatile sig_atomic_t stop = 0;
    int pipe_fds[2] = {-1, -1};

    void SetUp() override { ASSERT_EQ(pipe2(pipe_fds, O_NONBLOCK), 0); }
    void TearDown() override {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
    }
    HypercallContext context() {
        HypercallContext c{memory, devices, nullptr, &stop};
        c.console_fd = pipe_fds[1];
        return c;
    }
    template <typename T>
    void put(uint64_t gpa, const T& value) {
        ASSERT_TRUE(memory.write(Gpa(gpa), value).ok());
    }
    std::string call_error(unsigned nr, uint64_t arg) {
        auto result = handle_hypercall(context(), nr, Gpa(arg));
        return result.ok() ? "(accepted)" : result.error().message;
    }
    std::string console() {
        char buf[256];
        ssize_t n = read(pipe_fds[0], buf, sizeof buf);
        return n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
    }
};

TEST_F(HypercallTest, PutsWritesTheGuestBytes) {
    auto text = memory.bytes(Gpa(0x300000), 5).value();
    std::memcpy(text.data(), "hello", 5);
    put(kArgs, tenor_hvt_hc_puts{0x300000, 5});
    ASSERT_TRUE(handle_hypercall(context(), TENOR_HVT_HC_PUTS, Gpa(kArgs)).ok());
    EXPECT_EQ(console(), "hello");
}

TEST_F(HypercallTest, PutsBufferOutsideMemoryStopsTheGuest) {
    put(kArgs, tenor_hvt_hc_puts{kMem - 2, 5});
    EXPECT_EQ(call_error(TENOR_HVT_HC_PUTS, kArgs),
              "hypercall PUTS: buffer 0xfffffe of 5 bytes lies outside guest memory (0x1000000 bytes)");
    EXPECT_EQ(console(), "");
}

TEST_F(HypercallTest, PutsOverflowingLengthStopsTheGuest) {
    put(kArgs, tenor_hvt_hc_puts{0x300000, ~0ULL - 0x100});
    EXPECT_EQ(call_error(TENOR_HVT_HC_PUTS, kArgs),
              "hypercall PUTS: buffer 0x300000 of 18446744073709551359 bytes lies outside guest memory "
              "(0x1000000 bytes)");
}

TEST_F(HypercallTest, ArgumentStructOutsideMemoryOrMisaligned) {
    EXPECT_EQ(call_error(TENOR_HVT_HC_WALLTIME, 0xfffffff8),
              "hypercall WALLTIME: address 0xfffffff8 (8 bytes) lies outside guest memory (0x1000000 bytes)");
    EXPECT_EQ(call_error(TENOR_HVT_HC_PUTS, kMem - 8),
              "hypercall PUTS: address 0xfffff8 (16 bytes) lies outside guest memory (0x1000000 bytes)");
    EXPECT_EQ(call_error(TENOR_HVT_HC_PUTS, kArgs + 4),
              "hypercall PUTS: address 0x200004 is not 8-byte aligned");
}

TEST_F(HypercallTest, UnknownNumbers) {
    EXPECT_EQ(call_error(15, kArgs),
              "unknown hypercall 15 (port 0x50f, argument 0x200000): the unikernel was built for another "
              "ABI or is corrupt");
    EXPECT_EQ(call_error(0, kArgs).substr(0, 19), "unknown hypercall 0");
    EXPECT_EQ(call_error(1000, kArgs).substr(0, 22), "unknown hypercall 1000");
}

TEST_F(HypercallTest, WalltimeIsRecent) {
    ASSERT_TRUE(handle_hypercall(context(), TENOR_HVT_HC_WALLTIME, Gpa(kArgs)).ok());
    auto result = memory.read<tenor_hvt_hc_walltime>(Gpa(kArgs)).value();
    EXPECT_GT(result.nsecs, 1483228800ULL * 1000000000ULL);  // after 2017-01-01
}

TEST_F(HypercallTest, HaltStatuses) {
    put(kArgs, tenor_hvt_hc_halt{42});
    auto outcome = handle_hypercall(context(), TENOR_HVT_HC_HALT, Gpa(kArgs)).value();
    EXPECT_TRUE(outcome.exit);
    EXPECT_EQ(outcome.status, 42);
    put(kArgs, tenor_hvt_hc_halt{-3});
    EXPECT_EQ(handle_hypercall(context(), TENOR_HVT_HC_HALT, Gpa(kArgs)).value().status, 255);
    put(kArgs, tenor_hvt_hc_halt{256});
    EXPECT_EQ(handle_hypercall(context(), TENOR_HVT_HC_HALT, Gpa(kArgs)).value().status, 255);
}

TEST_F(HypercallTest, YieldWithZeroTimeoutReturnsEmptySet) {
    put(kArgs, tenor_hvt_hc_yield{0, ~0ULL});
    ASSERT_TRUE(handle_hypercall(context(), TENOR_HVT_HC_YIELD, Gpa(kArgs)).ok());
    EXPECT_EQ(memory.read<tenor_hvt_hc_yield>(Gpa(kArgs)).value().ready_set, 0u);
}

TEST_F(HypercallTest, NonCanonicalFsBaseIsRefused) {
    put(kArgs, tenor_hvt_hc_set_fs_base{0x0000800000000000ULL});
    EXPECT_EQ(call_error(TENOR_HVT_HC_SET_FS_BASE, kArgs),
              "hypercall SET_FS_BASE: FS base 0x800000000000 is not a canonical address");
}

struct BlockHypercallTest : HypercallTest {
    std::string path;
    void SetUp() override {
        HypercallTest::SetUp();
        char name[] = "/tmp/tenor-hc-blk-XXXXXX";
        int fd = mkstemp(name);
        ASSERT_GE(fd, 0);
        ASSERT_EQ(ftruncate(fd, 8 * 512), 0);
        close(fd);
        path = name;
        devices.blocks.resize(3);
        devices.blocks[2] = std::make_unique<BlockDevice>(BlockDevice::open("disk", path, 512).value());
    }
    void TearDown() override {
        unlink(path.c_str());
        HypercallTest::TearDown();
    }
    int64_t io(unsigned nr, uint64_t handle, uint64_t offset, uint64_t data, uint64_t len) {
        put(kArgs, tenor_hvt_hc_block_io{handle, offset, data, len, -1});
        auto result = handle_hypercall(context(), nr, Gpa(kArgs));
        if (!result.ok())
            return -100;
        return memory.read<tenor_hvt_hc_block_io>(Gpa(kArgs)).value().ret;
    }
};

TEST_F(BlockHypercallTest, WriteThenReadBackSeveralSectors) {
    auto out = memory.bytes(Gpa(0x300000), 1024).value();
    for (size_t i = 0; i < out.size(); i++)
        out[i] = static_cast<uint8_t>(i * 7);
    EXPECT_EQ(io(TENOR_HVT_HC_BLOCK_WRITE, 2, 1024, 0x300000, 1024), SOLO5_R_OK);
    EXPECT_EQ(io(TENOR_HVT_HC_BLOCK_READ, 2, 1024, 0x400000, 1024), SOLO5_R_OK);
    auto in = memory.bytes(Gpa(0x400000), 1024).value();
    EXPECT_EQ(std::memcmp(in.data(), out.data(), 1024), 0);
}

TEST_F(BlockHypercallTest, BadRequestsAreEinval) {
    EXPECT_EQ(io(TENOR_HVT_HC_BLOCK_READ, 2, 100, 0x300000, 512), SOLO5_R_EINVAL);       // unaligned
    EXPECT_EQ(io(TENOR_HVT_HC_BLOCK_READ, 2, 0, 0x300000, 100), SOLO5_R_EINVAL);         // wrong size
    EXPECT_EQ(io(TENOR_HVT_HC_BLOCK_READ, 2, 8 * 512, 0x300000, 512), SOLO5_R_EINVAL);   // past the end
    EXPECT_EQ(io(TENOR_HVT_HC_BLOCK_READ, 2, 7 * 512, 0x300000, 1024), SOLO5_R_EINVAL);  // straddles the end
    EXPECT_EQ(io(TENOR_HVT_HC_BLOCK_READ, 2, ~0ULL - 511, 0x300000, 1024), SOLO5_R_EINVAL);  // wraps
    EXPECT_EQ(io(TENOR_HVT_HC_BLOCK_READ, 2, 0, 0x300000, 0), SOLO5_R_EINVAL);           // empty
}

TEST_F(BlockHypercallTest, BadHandlesAndBuffersStopTheGuest) {
    put(kArgs, tenor_hvt_hc_block_io{1, 0, 0x300000, 512, 0});
    EXPECT_EQ(call_error(TENOR_HVT_HC_BLOCK_READ, kArgs),
              "hypercall BLOCK_READ: handle 1 is not an attached block device");
    put(kArgs, tenor_hvt_hc_block_io{99, 0, 0x300000, 512, 0});
    EXPECT_EQ(call_error(TENOR_HVT_HC_BLOCK_WRITE, kArgs),
              "hypercall BLOCK_WRITE: handle 99 is not an attached block device");
    put(kArgs, tenor_hvt_hc_block_io{2, 0, kMem - 256, 512, 0});
    EXPECT_EQ(call_error(TENOR_HVT_HC_BLOCK_READ, kArgs),
              "hypercall BLOCK_READ: buffer 0xffff00 of 512 bytes lies outside guest memory (0x1000000 bytes)");
}

}  // namespace
