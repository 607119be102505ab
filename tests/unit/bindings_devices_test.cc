// bindings_devices_test.cc: acquiring manifest devices and the argument checks of block and net I/O.
//
// The bindings are built freestanding for the guest; their pure parts also
// compile on the host, so the test includes the source itself.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "../../bindings/common/device_table.cc"

namespace tenor::bindings {
namespace {

// An attached manifest: entry 0 reserved, then the given devices.
class Manifest {
public:
    struct Device {
        const char *name;
        mft_type_t type;
        bool attached;
    };

    explicit Manifest(std::vector<Device> devices)
        : storage_((MFT_SIZE(devices.size() + 1) + 7) / 8) {
        mft()->version = MFT_VERSION;
        mft()->entries = static_cast<uint32_t>(devices.size() + 1);
        mft()->e[0].type = MFT_RESERVED_FIRST;
        for (size_t i = 0; i < devices.size(); i++) {
            struct mft_entry &e = mft()->e[i + 1];
            std::strncpy(e.name, devices[i].name, MFT_NAME_SIZE - 1);
            e.type = devices[i].type;
            e.attached = devices[i].attached;
        }
    }

    struct mft *mft() {
        return reinterpret_cast<struct mft *>(storage_.data());
    }

private:
    std::vector<uint64_t> storage_;
};

TEST(BindingsDevices, AcquireGivesTheManifestIndexOnce) {
    Manifest m({{"net0", MFT_DEV_NET_BASIC, true}, {"disk", MFT_DEV_BLOCK_BASIC, true}});
    DeviceTable table;
    ASSERT_TRUE(table.reset(m.mft()));
    solo5_handle_t h = 99;
    EXPECT_EQ(table.acquire("disk", MFT_DEV_BLOCK_BASIC, &h), AcquireError::none);
    EXPECT_EQ(h, 2u);
    EXPECT_EQ(table.acquire("disk", MFT_DEV_BLOCK_BASIC, &h), AcquireError::already_acquired);
    EXPECT_EQ(table.acquire("net0", MFT_DEV_NET_BASIC, &h), AcquireError::none);
    EXPECT_EQ(h, 1u);
}

TEST(BindingsDevices, AcquireRefusesWrongNamesTypesAndUnattachedDevices) {
    Manifest m({{"net0", MFT_DEV_NET_BASIC, true}, {"spare", MFT_DEV_BLOCK_BASIC, false}});
    DeviceTable table;
    ASSERT_TRUE(table.reset(m.mft()));
    solo5_handle_t h = 99;
    EXPECT_EQ(table.acquire("net0", MFT_DEV_BLOCK_BASIC, &h), AcquireError::not_declared);
    EXPECT_EQ(table.acquire("net", MFT_DEV_NET_BASIC, &h), AcquireError::not_declared);
    EXPECT_EQ(table.acquire("net00", MFT_DEV_NET_BASIC, &h), AcquireError::not_declared);
    EXPECT_EQ(table.acquire("", MFT_RESERVED_FIRST, &h), AcquireError::not_declared);
    EXPECT_EQ(table.acquire("spare", MFT_DEV_BLOCK_BASIC, &h), AcquireError::not_attached);
    EXPECT_EQ(h, 99u);
}

TEST(BindingsDevices, OnlyAcquiredHandlesOfTheRightTypeAreUsable) {
    Manifest m({{"net0", MFT_DEV_NET_BASIC, true}, {"disk", MFT_DEV_BLOCK_BASIC, true}});
    DeviceTable table;
    ASSERT_TRUE(table.reset(m.mft()));
    EXPECT_EQ(table.acquired(2, MFT_DEV_BLOCK_BASIC), nullptr);
    solo5_handle_t h = 0;
    ASSERT_EQ(table.acquire("disk", MFT_DEV_BLOCK_BASIC, &h), AcquireError::none);
    EXPECT_EQ(table.acquired(h, MFT_DEV_BLOCK_BASIC), &m.mft()->e[2]);
    EXPECT_EQ(table.acquired(h, MFT_DEV_NET_BASIC), nullptr);
    EXPECT_EQ(table.acquired(1, MFT_DEV_NET_BASIC), nullptr);
    EXPECT_EQ(table.acquired(0, MFT_RESERVED_FIRST), nullptr);
    EXPECT_EQ(table.acquired(3, MFT_DEV_BLOCK_BASIC), nullptr);
    EXPECT_EQ(table.acquired(64, MFT_DEV_BLOCK_BASIC), nullptr);
    EXPECT_EQ(table.acquired(~0ull, MFT_DEV_BLOCK_BASIC), nullptr);
}

TEST(BindingsDevices, TheLastOfSixtyThreeDevicesIsAcquirable) {
    std::vector<std::string> names;
    std::vector<Manifest::Device> devices;
    for (int i = 0; i < MFT_MAX_ENTRIES - 1; i++)
        names.push_back("d" + std::to_string(i));
    for (const std::string &name : names)
        devices.push_back({name.c_str(), MFT_DEV_BLOCK_BASIC, true});
    Manifest m(devices);
    DeviceTable table;
    ASSERT_TRUE(table.reset(m.mft()));
    solo5_handle_t h = 0;
    EXPECT_EQ(table.acquire("d62", MFT_DEV_BLOCK_BASIC, &h), AcquireError::none);
    EXPECT_EQ(h, 63u);
    EXPECT_NE(table.acquired(63, MFT_DEV_BLOCK_BASIC), nullptr);
}

TEST(BindingsDevices, ResetRefusesManifestsNoMonitorWouldPass) {
    Manifest m({{"disk", MFT_DEV_BLOCK_BASIC, true}});
    DeviceTable table;
    EXPECT_FALSE(table.reset(nullptr));
    m.mft()->version = 2;
    EXPECT_FALSE(table.reset(m.mft()));
    m.mft()->version = MFT_VERSION;
    m.mft()->entries = 0;
    EXPECT_FALSE(table.reset(m.mft()));
    m.mft()->entries = MFT_MAX_ENTRIES + 1;
    EXPECT_FALSE(table.reset(m.mft()));
    m.mft()->entries = 2;
    m.mft()->e[0].type = MFT_DEV_BLOCK_BASIC;
    EXPECT_FALSE(table.reset(m.mft()));
    // A refused manifest leaves nothing acquirable.
    solo5_handle_t h = 0;
    EXPECT_EQ(table.acquire("disk", MFT_DEV_BLOCK_BASIC, &h), AcquireError::not_declared);
}

TEST(BindingsDevices, BlockIoMustBeAlignedWholeBlocksInsideTheDevice) {
    constexpr uint64_t kCapacity = 512 * 100;
    constexpr size_t kMax = 1 << 20;
    EXPECT_TRUE(block_io_valid(kCapacity, 512, 0, 512, kMax));
    EXPECT_TRUE(block_io_valid(kCapacity, 512, 512 * 99, 512, kMax));
    EXPECT_TRUE(block_io_valid(kCapacity, 512, 512, 512 * 10, kMax));
    EXPECT_TRUE(block_io_valid(kCapacity, 512, 0, kCapacity, kMax));
    EXPECT_FALSE(block_io_valid(kCapacity, 512, 0, 0, kMax));
    EXPECT_FALSE(block_io_valid(kCapacity, 512, 1, 512, kMax));
    EXPECT_FALSE(block_io_valid(kCapacity, 512, 0, 511, kMax));
    EXPECT_FALSE(block_io_valid(kCapacity, 512, 0, 1024 + 1, kMax));
    EXPECT_FALSE(block_io_valid(kCapacity, 512, 512 * 100, 512, kMax));
    EXPECT_FALSE(block_io_valid(kCapacity, 512, 512 * 99, 1024, kMax));
    EXPECT_FALSE(block_io_valid(kCapacity, 512, 0, 1024, 512));
    EXPECT_FALSE(block_io_valid(kCapacity, 0, 0, 512, kMax));
    // Offsets near 2^64 must not wrap into range.
    EXPECT_FALSE(block_io_valid(kCapacity, 512, ~uint64_t{511}, 1024, kMax));
    EXPECT_FALSE(block_io_valid(UINT64_MAX - 511, 512, UINT64_MAX - 1023, 1024, kMax));
}

TEST(BindingsDevices, NetSizesFollowTheMtu) {
    EXPECT_TRUE(net_write_size_valid(1500, 1514));
    EXPECT_TRUE(net_write_size_valid(1500, 60));
    EXPECT_FALSE(net_write_size_valid(1500, 1515));
    EXPECT_FALSE(net_write_size_valid(1500, 0));
    EXPECT_TRUE(net_read_size_valid(1500, 1514));
    EXPECT_TRUE(net_read_size_valid(1500, 9014));
    EXPECT_FALSE(net_read_size_valid(1500, 1513));
    EXPECT_TRUE(net_read_size_valid(9000, 9014));
    EXPECT_FALSE(net_read_size_valid(9000, 1514));
}

}  // namespace
}  // namespace tenor::bindings
