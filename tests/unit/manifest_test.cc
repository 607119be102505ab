// manifest_test.cc: the MFT1 manifest and ABI1 note checks, rule by rule, with the exact messages.
#include <gtest/gtest.h>

#include <cstddef>

#include "common/manifest.h"
#include "elf_test_image.h"

namespace tenor::test {
namespace {

constexpr uint64_t kEntry0 = sizeof(struct mft);
constexpr uint64_t kEntrySize = sizeof(struct mft_entry);
constexpr uint64_t kTypeField = offsetof(struct mft_entry, type);
constexpr uint64_t kAttachedField = offsetof(struct mft_entry, attached);

uint64_t entry_at(uint64_t index) { return kEntry0 + index * kEntrySize; }

std::string manifest_error(const std::vector<uint8_t>& mft) {
    auto result = parse_manifest(mft);
    if (result.ok())
        return "(parsed without error)";
    return result.error().message;
}

// The default manifest with one value written over it.
template <typename T>
std::vector<uint8_t> corrupted_mft(uint64_t offset, T value) {
    std::vector<uint8_t> mft = default_mft();
    poke<T>(mft, offset, value);
    return mft;
}

std::vector<uint8_t> with_name(uint64_t index, const std::string& name) {
    std::vector<uint8_t> mft = default_mft();
    std::fill_n(mft.begin() + entry_at(index), MFT_NAME_SIZE, 0);
    std::copy(name.begin(), name.end(), mft.begin() + entry_at(index));
    return mft;
}

// Devices dev1..devN, alternating block and net.
std::vector<std::pair<std::string, uint32_t>> numbered_devices(unsigned count) {
    std::vector<std::pair<std::string, uint32_t>> devices;
    for (unsigned i = 1; i <= count; i++)
        devices.emplace_back("dev" + std::to_string(i), i % 2 ? MFT_DEV_BLOCK_BASIC : MFT_DEV_NET_BASIC);
    return devices;
}

const std::string kRegenerate = "regenerate the manifest with tenor-elftool gen-manifest and relink the unikernel";

TEST(Manifest, GoodManifestParses) {
    auto result = parse_manifest(default_mft());
    ASSERT_TRUE(result.ok()) << result.error().message;
    Manifest& m = *result;
    ASSERT_EQ(m.devices.size(), 2u);
    EXPECT_EQ(m.devices[0].name, "service");
    EXPECT_EQ(m.devices[0].type, MFT_DEV_NET_BASIC);
    EXPECT_EQ(m.devices[0].index, 1u);
    EXPECT_EQ(m.devices[1].name, "storage");
    EXPECT_EQ(m.devices[1].type, MFT_DEV_BLOCK_BASIC);
    EXPECT_EQ(m.devices[1].index, 2u);
    EXPECT_EQ(m.raw, default_mft());
    EXPECT_EQ(reinterpret_cast<uintptr_t>(m.raw.data()) % alignof(struct mft_entry), 0u);
    EXPECT_EQ(m.get()->version, 1u);
    EXPECT_EQ(m.get()->entries, 3u);
    EXPECT_STREQ(m.get()->e[2].name, "storage");
    // The monitor writes attach information through get().
    m.get()->e[1].attached = true;
    EXPECT_EQ(m.raw[entry_at(1) + kAttachedField], 1);
}

TEST(Manifest, ReservedEntryAloneIsValid) {
    auto result = parse_manifest(make_mft({}));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_TRUE(result->devices.empty());
    EXPECT_EQ(result->raw.size(), 112u);
}

TEST(Manifest, TooSmallForHeader) {
    EXPECT_EQ(manifest_error({1, 0, 0, 0}),
              "manifest: 4 bytes, too small for the 8-byte manifest header: " + kRegenerate);
}

TEST(Manifest, WrongVersion) {
    EXPECT_EQ(manifest_error(corrupted_mft<uint32_t>(0, 2)), "manifest: version 2, expected 1: " + kRegenerate);
}

TEST(Manifest, NoEntries) {
    std::vector<uint8_t> mft = {1, 0, 0, 0, 0, 0, 0, 0};
    EXPECT_EQ(manifest_error(mft),
              "manifest: 0 entries, expected 1 to 64 (the reserved entry and at most 63 devices): " + kRegenerate);
}

TEST(Manifest, SixtyFourEntriesAreAccepted) {
    auto result = parse_manifest(make_mft(numbered_devices(63)));
    ASSERT_TRUE(result.ok()) << result.error().message;
    ASSERT_EQ(result->devices.size(), 63u);
    EXPECT_EQ(result->devices.front().index, 1u);
    EXPECT_EQ(result->devices.back().index, 63u);
    EXPECT_EQ(result->devices.back().name, "dev63");
    EXPECT_EQ(result->raw.size(), size_t{MFT_MAX_SIZE});
}

TEST(Manifest, SixtyFiveEntriesAreRefused) {
    EXPECT_EQ(manifest_error(make_mft(numbered_devices(64))),
              "manifest: 65 entries, expected 1 to 64 (the reserved entry and at most 63 devices): " + kRegenerate);
}

TEST(Manifest, HugeEntryCountIsRefused) {
    EXPECT_EQ(manifest_error(corrupted_mft<uint32_t>(4, 0xffffffff)),
              "manifest: 4294967295 entries, expected 1 to 64 (the reserved entry and at most 63 devices): " +
                  kRegenerate);
}

TEST(Manifest, SizeMustMatchEntries) {
    auto mft = default_mft();
    mft.pop_back();
    EXPECT_EQ(manifest_error(mft),
              "manifest: 319 bytes, but 3 entries take exactly 320: the note is corrupt; " + kRegenerate);
    mft.resize(328);
    EXPECT_EQ(manifest_error(mft),
              "manifest: 328 bytes, but 3 entries take exactly 320: the note is corrupt; " + kRegenerate);
    EXPECT_EQ(manifest_error(corrupted_mft<uint32_t>(4, 2)),
              "manifest: 320 bytes, but 2 entries take exactly 216: the note is corrupt; " + kRegenerate);
}

TEST(Manifest, FirstEntryMustBeReserved) {
    EXPECT_EQ(manifest_error(corrupted_mft<uint32_t>(entry_at(0) + kTypeField, MFT_DEV_NET_BASIC)),
              "manifest: entry 0 has type 0x2, expected the reserved type 0x40000000: " + kRegenerate);
}

TEST(Manifest, FirstEntryMustHaveNoName) {
    EXPECT_EQ(manifest_error(with_name(0, "hidden")),
              "manifest: entry 0 has name 'hidden', expected an empty name: " + kRegenerate);
}

TEST(Manifest, FirstEntryMustNotBeAttached) {
    EXPECT_EQ(manifest_error(corrupted_mft<uint8_t>(entry_at(0) + kAttachedField, 1)),
              "manifest: entry 0 is marked attached in the binary: the note is corrupt; " + kRegenerate);
}

TEST(Manifest, NameMustBeNulTerminated) {
    EXPECT_EQ(manifest_error(with_name(2, std::string(68, 'a'))),
              "manifest: entry 2 has a name that is not NUL-terminated within 68 bytes: " + kRegenerate);
    EXPECT_EQ(manifest_error(with_name(0, std::string(68, 'a'))),
              "manifest: entry 0 has a name that is not NUL-terminated within 68 bytes: " + kRegenerate);
}

TEST(Manifest, LongestNameIsAccepted) {
    auto result = parse_manifest(with_name(2, std::string(67, 'z')));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->devices[1].name, std::string(67, 'z'));
}

TEST(Manifest, EmptyDeviceName) {
    EXPECT_EQ(manifest_error(with_name(1, "")),
              "manifest: entry 1 has invalid name '': a device name is 1 to 67 letters and digits; " + kRegenerate);
}

TEST(Manifest, DeviceNameWithPunctuation) {
    EXPECT_EQ(manifest_error(with_name(1, "my-net")),
              "manifest: entry 1 has invalid name 'my-net': a device name is 1 to 67 letters and digits; " +
                  kRegenerate);
}

TEST(Manifest, DeviceNameWithControlBytesIsEscaped) {
    EXPECT_EQ(manifest_error(with_name(2, "a\x1b[2Jb\xff'")),
              "manifest: entry 2 has invalid name 'a\\x1b[2Jb\\xff\\x27': a device name is 1 to 67 letters and "
              "digits; " +
                  kRegenerate);
}

TEST(Manifest, UnknownDeviceType) {
    EXPECT_EQ(manifest_error(corrupted_mft<uint32_t>(entry_at(2) + kTypeField, 3)),
              "manifest: entry 2 ('storage') has device type 0x3, expected BLOCK_BASIC (1) or NET_BASIC (2): " +
                  kRegenerate);
    EXPECT_EQ(manifest_error(corrupted_mft<uint32_t>(entry_at(1) + kTypeField, 0)),
              "manifest: entry 1 ('service') has device type 0x0, expected BLOCK_BASIC (1) or NET_BASIC (2): " +
                  kRegenerate);
}

TEST(Manifest, ReservedTypeOnDeviceEntry) {
    EXPECT_EQ(manifest_error(corrupted_mft<uint32_t>(entry_at(1) + kTypeField, MFT_RESERVED_FIRST)),
              "manifest: entry 1 ('service') has device type 0x40000000, expected BLOCK_BASIC (1) or NET_BASIC "
              "(2): " +
                  kRegenerate);
}

TEST(Manifest, DeviceMarkedAttached) {
    EXPECT_EQ(manifest_error(corrupted_mft<uint8_t>(entry_at(2) + kAttachedField, 1)),
              "manifest: entry 2 ('storage') is marked attached in the binary: the note is corrupt; " + kRegenerate);
    // Any non-zero byte counts, not only a well-formed bool.
    EXPECT_EQ(manifest_error(corrupted_mft<uint8_t>(entry_at(2) + kAttachedField, 0x80)),
              "manifest: entry 2 ('storage') is marked attached in the binary: the note is corrupt; " + kRegenerate);
}

TEST(Manifest, DuplicateNamesAreRefused) {
    auto mft = make_mft({{"net0", MFT_DEV_NET_BASIC}, {"disk", MFT_DEV_BLOCK_BASIC}, {"net0", MFT_DEV_NET_BASIC}});
    EXPECT_EQ(manifest_error(mft),
              "manifest: device name 'net0' is declared twice (entries 1 and 3): rename one of them in the "
              "manifest JSON and " +
                  kRegenerate);
    // A name shared across device types is as ambiguous.
    auto mixed = make_mft({{"x", MFT_DEV_NET_BASIC}, {"x", MFT_DEV_BLOCK_BASIC}});
    EXPECT_EQ(manifest_error(mixed),
              "manifest: device name 'x' is declared twice (entries 1 and 2): rename one of them in the manifest "
              "JSON and " +
                  kRegenerate);
}

TEST(Manifest, NamesDifferingInCaseAreDistinct) {
    auto result = parse_manifest(make_mft({{"net", MFT_DEV_NET_BASIC}, {"NET", MFT_DEV_NET_BASIC}}));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->devices.size(), 2u);
}

TEST(Manifest, ValidDeviceNames) {
    EXPECT_TRUE(valid_device_name("a"));
    EXPECT_TRUE(valid_device_name("service"));
    EXPECT_TRUE(valid_device_name("Net0"));
    EXPECT_TRUE(valid_device_name("0123456789"));
    EXPECT_TRUE(valid_device_name(std::string(67, 'A')));
    EXPECT_FALSE(valid_device_name(""));
    EXPECT_FALSE(valid_device_name(std::string(68, 'A')));
    EXPECT_FALSE(valid_device_name("my_net"));
    EXPECT_FALSE(valid_device_name("my-net"));
    EXPECT_FALSE(valid_device_name("net 0"));
    EXPECT_FALSE(valid_device_name("net:0"));
    EXPECT_FALSE(valid_device_name("caf\xc3\xa9"));
    EXPECT_FALSE(valid_device_name(std::string_view("a\0b", 3)));
}

std::string read_manifest_error(const std::vector<uint8_t>& elf) {
    auto result = read_manifest(elf);
    if (result.ok())
        return "(parsed without error)";
    return result.error().message;
}

TEST(ManifestNote, ReadsTheManifestOfAnElf) {
    Image image = build_image();
    auto result = read_manifest(image.bytes);
    ASSERT_TRUE(result.ok()) << result.error().message;
    ASSERT_EQ(result->devices.size(), 2u);
    EXPECT_EQ(result->devices[0].name, "service");
    EXPECT_EQ(result->devices[1].name, "storage");
    EXPECT_EQ(result->raw, default_mft());
}

TEST(ManifestNote, ReadsAMaximalManifest) {
    ImageOptions options;
    options.mft_desc = mft_descriptor(make_mft(numbered_devices(63)));
    Image image = build_image(options);
    auto result = read_manifest(image.bytes);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->devices.size(), 63u);
}

TEST(ManifestNote, MissingManifest) {
    ImageOptions options;
    options.with_manifest = false;
    EXPECT_EQ(read_manifest_error(build_image(options).bytes),
              "no Solo5 manifest note (.note.solo5.manifest): link with tenor's toolchain and a manifest generated "
              "by tenor-elftool gen-manifest");
}

TEST(ManifestNote, DescriptorWithoutPadding) {
    ImageOptions options;
    options.mft_desc = {0, 0};
    EXPECT_EQ(read_manifest_error(build_image(options).bytes),
              "manifest: the note descriptor is 2 bytes, too small for the 4 bytes of padding before the manifest: " +
                  kRegenerate);
}

TEST(ManifestNote, DescriptorWithoutTheLastEntry) {
    ImageOptions options;
    auto mft = default_mft();
    mft.resize(mft.size() - kEntrySize);
    options.mft_desc = mft_descriptor(mft);
    EXPECT_EQ(read_manifest_error(build_image(options).bytes),
              "manifest: 216 bytes, but 3 entries take exactly 320: the note is corrupt; " + kRegenerate);
}

TEST(ManifestNote, DuplicateManifestNote) {
    Image image = build_image();
    poke<uint32_t>(image.bytes, image.abi_note_offset + 8, MFT_NOTE_TYPE);
    EXPECT_EQ(read_manifest_error(image.bytes),
              "ELF: two 'Solo5' notes of type 0x3154464d (at file offsets 0x2000 and 0x2158): a unikernel carries "
              "one; relink with tenor's toolchain");
}

TEST(ManifestNote, CorruptEntryInsideTheElf) {
    Image image = build_image();
    uint64_t mft_at = image.mft_note_offset + 20 + MFT_NOTE_PAD;
    poke<uint8_t>(image.bytes, mft_at + entry_at(1) + kAttachedField, 1);
    EXPECT_EQ(read_manifest_error(image.bytes),
              "manifest: entry 1 ('service') is marked attached in the binary: the note is corrupt; " + kRegenerate);
}

TEST(ManifestNote, NotAnElf) {
    std::vector<uint8_t> text(100, 'x');
    EXPECT_EQ(read_manifest_error(text),
              "ELF: not an ELF file (bad magic bytes): give the path of a unikernel built with tenor's toolchain");
}

Image image_for_abi(uint32_t target, uint32_t version) {
    ImageOptions options;
    options.abi_desc = abi_descriptor(target, version);
    return build_image(options);
}

std::string check_abi_error(uint32_t target, uint32_t version, uint32_t expected_target = ABI_TARGET_TENOR_HVT,
                            uint32_t expected_version = TENOR_HVT_ABI_VERSION) {
    auto result = check_abi(image_for_abi(target, version).bytes, expected_target, expected_version);
    if (result.ok())
        return "(accepted)";
    return result.error().message;
}

TEST(Abi, ReadsTheAbiNote) {
    auto abi = read_abi(build_image().bytes);
    ASSERT_TRUE(abi.ok()) << abi.error().message;
    EXPECT_EQ(abi->target, uint32_t{ABI_TARGET_TENOR_HVT});
    EXPECT_EQ(abi->version, uint32_t{TENOR_HVT_ABI_VERSION});
}

TEST(Abi, MissingAbiNote) {
    ImageOptions options;
    options.with_abi = false;
    auto abi = read_abi(build_image(options).bytes);
    ASSERT_FALSE(abi.ok());
    EXPECT_EQ(abi.error().message,
              "no Solo5 ABI note (.note.solo5.abi): link with tenor's toolchain (x86_64-solo5-none-static-ld -z "
              "solo5-abi=hvt or spt)");
}

TEST(Abi, WrongDescriptorSize) {
    for (size_t size : {0, 12, 20}) {
        ImageOptions options;
        options.abi_desc.assign(size, 0);
        auto abi = read_abi(build_image(options).bytes);
        ASSERT_FALSE(abi.ok());
        EXPECT_EQ(abi.error().message, "ABI note: the descriptor is " + std::to_string(size) +
                                           " bytes, expected 16: the note is corrupt; relink with tenor's toolchain");
    }
}

TEST(Abi, TargetNames) {
    EXPECT_EQ(abi_target_name(1), "hvt");
    EXPECT_EQ(abi_target_name(2), "spt");
    EXPECT_EQ(abi_target_name(3), "virtio");
    EXPECT_EQ(abi_target_name(4), "muen");
    EXPECT_EQ(abi_target_name(5), "genode");
    EXPECT_EQ(abi_target_name(6), "xen");
    EXPECT_EQ(abi_target_name(ABI_TARGET_TENOR_HVT), "tenor-hvt");
    EXPECT_EQ(abi_target_name(ABI_TARGET_TENOR_SPT), "tenor-spt");
    EXPECT_EQ(abi_target_name(0), "unknown target 0");
    EXPECT_EQ(abi_target_name(7), "unknown target 7");
    EXPECT_EQ(abi_target_name(0xffffffff), "unknown target 4294967295");
}

TEST(Abi, TenorHvtBinaryIsAccepted) {
    EXPECT_EQ(check_abi_error(ABI_TARGET_TENOR_HVT, TENOR_HVT_ABI_VERSION), "(accepted)");
}

TEST(Abi, TenorSptBinaryIsAcceptedBySpt) {
    EXPECT_EQ(check_abi_error(ABI_TARGET_TENOR_SPT, TENOR_SPT_ABI_VERSION, ABI_TARGET_TENOR_SPT,
                              TENOR_SPT_ABI_VERSION),
              "(accepted)");
}

TEST(Abi, UpstreamHvtBinaryIsRefused) {
    EXPECT_EQ(check_abi_error(ABI_TARGET_SOLO5_HVT, 2),
              "this unikernel was built for upstream Solo5's hvt (ABI version 2), not for tenor-hvt: rebuild it "
              "with tenor's toolchain (x86_64-solo5-none-static-cc ... -z solo5-abi=hvt)");
}

TEST(Abi, UpstreamSptBinaryIsRefusedBySpt) {
    EXPECT_EQ(check_abi_error(ABI_TARGET_SOLO5_SPT, 2, ABI_TARGET_TENOR_SPT, TENOR_SPT_ABI_VERSION),
              "this unikernel was built for upstream Solo5's spt (ABI version 2), not for tenor-spt: rebuild it "
              "with tenor's toolchain (x86_64-solo5-none-static-cc ... -z solo5-abi=spt)");
}

TEST(Abi, UpstreamXenBinaryIsRefused) {
    EXPECT_EQ(check_abi_error(ABI_TARGET_SOLO5_XEN, 1),
              "this unikernel was built for upstream Solo5's xen (ABI version 1), not for tenor-hvt: rebuild it "
              "with tenor's toolchain (x86_64-solo5-none-static-cc ... -z solo5-abi=hvt)");
}

TEST(Abi, TenorSptBinaryIsRefusedByHvt) {
    EXPECT_EQ(check_abi_error(ABI_TARGET_TENOR_SPT, TENOR_SPT_ABI_VERSION),
              "this unikernel was built for tenor-spt, not for tenor-hvt: run it with tenor-spt, or rebuild it "
              "with tenor's toolchain (x86_64-solo5-none-static-cc ... -z solo5-abi=hvt)");
}

TEST(Abi, UnknownTargetIsRefused) {
    EXPECT_EQ(check_abi_error(0x7499, 1),
              "this unikernel was built for unknown target 29849, not for tenor-hvt: rebuild it with tenor's "
              "toolchain (x86_64-solo5-none-static-cc ... -z solo5-abi=hvt)");
}

TEST(Abi, OtherVersionIsRefused) {
    EXPECT_EQ(check_abi_error(ABI_TARGET_TENOR_HVT, TENOR_HVT_ABI_VERSION + 1),
              "this unikernel was built for tenor-hvt ABI version 2, but this monitor implements version 1: "
              "rebuild it with the toolchain of this tenor release (x86_64-solo5-none-static-cc ... "
              "-z solo5-abi=hvt)");
}

TEST(Abi, DuplicateAbiNote) {
    Image image = build_image();
    // Turning the manifest note into a second ABI1 note.
    poke<uint32_t>(image.bytes, image.mft_note_offset + 8, ABI1_NOTE_TYPE);
    auto abi = read_abi(image.bytes);
    ASSERT_FALSE(abi.ok());
    EXPECT_EQ(abi.error().message,
              "ELF: two 'Solo5' notes of type 0x31494241 (at file offsets 0x2000 and 0x2158): a unikernel carries "
              "one; relink with tenor's toolchain");
}

}  // namespace
}  // namespace tenor::test
