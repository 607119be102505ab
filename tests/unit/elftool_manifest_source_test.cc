// elftool_manifest_source_test.cc: the gen-manifest JSON checks and the C and JSON it renders.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "manifest_source.h"

namespace tenor::elftool {
namespace {

constexpr std::string_view kFile = "src.json";

// A manifest source with the given text as its "devices" value.
std::string with_devices(std::string_view devices) {
    return R"({"type": "solo5.manifest", "version": 1, "devices": )" + std::string(devices) + "}";
}

// A devices array of `count` block devices named disk0, disk1, ...
std::string numbered_devices(size_t count) {
    std::string devices = "[";
    for (size_t i = 0; i < count; ++i) {
        if (i > 0)
            devices += ",";
        devices += R"({"name": "disk)" + std::to_string(i) + R"(", "type": "BLOCK_BASIC"})";
    }
    return devices + "]";
}

std::string error_of(std::string_view text) {
    auto parsed = parse_manifest_source(text, kFile);
    EXPECT_FALSE(parsed.ok()) << "accepted: " << text;
    return parsed.ok() ? std::string() : parsed.error().message;
}

TEST(ElftoolManifestSource, AcceptsTheSpecExample) {
    auto parsed = parse_manifest_source(
        R"({"type":"solo5.manifest","version":1,"devices":[{"name":"service","type":"NET_BASIC"},)"
        R"({"name":"storage","type":"BLOCK_BASIC"}]})",
        kFile);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    ASSERT_EQ(parsed->devices.size(), 2u);
    EXPECT_EQ(parsed->devices[0].name, "service");
    EXPECT_EQ(parsed->devices[0].type, MFT_DEV_NET_BASIC);
    EXPECT_EQ(parsed->devices[1].name, "storage");
    EXPECT_EQ(parsed->devices[1].type, MFT_DEV_BLOCK_BASIC);
}

TEST(ElftoolManifestSource, AcceptsNoDevicesAndKeysInAnyOrder) {
    auto parsed = parse_manifest_source(
        R"({"devices": [], "version": 1, "type": "solo5.manifest"})", kFile);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_TRUE(parsed->devices.empty());
}

TEST(ElftoolManifestSource, SyntaxErrorNamesFileAndLine) {
    EXPECT_EQ(error_of("{\n  \"type\": \"solo5.manifest\",\n  \"version\": 1,,\n}"),
              "src.json: invalid JSON: parse error at line 3, column 16: syntax error while "
              "parsing object key - unexpected ','; expected string literal");
}

TEST(ElftoolManifestSource, TrailingGarbageIsASyntaxError) {
    std::string message = error_of(with_devices("[]") + " x");
    EXPECT_EQ(message.rfind("src.json: invalid JSON: parse error at line 1, column ", 0), 0u)
        << message;
}

TEST(ElftoolManifestSource, EmptyFileIsASyntaxError) {
    EXPECT_EQ(error_of("").rfind("src.json: invalid JSON: ", 0), 0u);
}

TEST(ElftoolManifestSource, RefusesDeepNestingEarly) {
    std::string path;
    for (int i = 0; i < 31; ++i)
        path += "[0]";
    EXPECT_EQ(error_of(std::string(1000000, '[') + std::string(1000000, ']')),
              "src.json: invalid JSON: nested deeper than 32 levels at " + path +
                  ": a manifest needs only three");
}

TEST(ElftoolManifestSource, RefusesDuplicateKeys) {
    EXPECT_EQ(error_of(R"({"type": "solo5.manifest", "type": "solo5.manifest"})"),
              "src.json: duplicate key \"type\" in the top-level object: write each key once");
    EXPECT_EQ(error_of(with_devices(R"([{"name": "a", "type": "NET_BASIC"},)"
                                    R"({"name": "b", "name": "c", "type": "NET_BASIC"}])")),
              "src.json: duplicate key \"name\" in devices[1]: write each key once");
}

TEST(ElftoolManifestSource, TopLevelMustBeAnObject) {
    EXPECT_EQ(error_of("[]"),
              "src.json: the top level must be an object such as "
              "{\"type\": \"solo5.manifest\", \"version\": 1, \"devices\": []}");
}

TEST(ElftoolManifestSource, RefusesMissingOrWrongType) {
    EXPECT_EQ(error_of(R"({"version": 1, "devices": []})"),
              "src.json: \"type\" is missing: add \"type\": \"solo5.manifest\"");
    EXPECT_EQ(error_of(R"({"type": "solo5.abi", "version": 1, "devices": []})"),
              "src.json: \"type\" is \"solo5.abi\", expected \"solo5.manifest\"");
    EXPECT_EQ(error_of(R"({"type": 7, "version": 1, "devices": []})"),
              "src.json: \"type\" is 7, expected \"solo5.manifest\"");
}

TEST(ElftoolManifestSource, RefusesMissingOrWrongVersion) {
    EXPECT_EQ(error_of(R"({"type": "solo5.manifest", "devices": []})"),
              "src.json: \"version\" is missing: add \"version\": 1");
    EXPECT_EQ(error_of(R"({"type": "solo5.manifest", "version": 2, "devices": []})"),
              "src.json: \"version\" is 2, expected 1 (the only manifest version)");
    EXPECT_EQ(error_of(R"({"type": "solo5.manifest", "version": "1", "devices": []})"),
              "src.json: \"version\" is \"1\", expected 1 (the only manifest version)");
    EXPECT_EQ(error_of(R"({"type": "solo5.manifest", "version": 1.0, "devices": []})"),
              "src.json: \"version\" is 1.0, expected 1 (the only manifest version)");
}

TEST(ElftoolManifestSource, RefusesUnknownTopLevelKey) {
    EXPECT_EQ(error_of(R"({"type": "solo5.manifest", "version": 1, "devices": [], "extra": 0})"),
              "src.json: top level: unknown key \"extra\": "
              "the allowed keys are \"type\", \"version\" and \"devices\"");
}

TEST(ElftoolManifestSource, DevicesMustBeAnArray) {
    EXPECT_EQ(error_of(R"({"type": "solo5.manifest", "version": 1})"),
              "src.json: \"devices\" is missing: add \"devices\": [] or a list of devices");
    EXPECT_EQ(error_of(with_devices(R"({"name": "a", "type": "NET_BASIC"})")),
              "src.json: \"devices\" must be an array of devices such as "
              "[{\"name\": \"service\", \"type\": \"NET_BASIC\"}]");
}

TEST(ElftoolManifestSource, EachDeviceMustBeAnObject) {
    EXPECT_EQ(error_of(with_devices(R"([{"name": "a", "type": "NET_BASIC"}, "b"])")),
              "src.json: devices[1] is \"b\", not an object: "
              "write {\"name\": \"NAME\", \"type\": \"NET_BASIC\"}");
}

TEST(ElftoolManifestSource, RefusesUnknownDeviceKey) {
    EXPECT_EQ(error_of(with_devices(R"([{"name": "a", "type": "NET_BASIC", "mtu": 9000}])")),
              "src.json: devices[0]: unknown key \"mtu\": a device has only \"name\" and \"type\"");
}

TEST(ElftoolManifestSource, RefusesMissingOrNonStringName) {
    EXPECT_EQ(error_of(with_devices(R"([{"type": "NET_BASIC"}])")),
              "src.json: devices[0]: \"name\" is missing: add \"name\": \"NAME\"");
    EXPECT_EQ(error_of(with_devices(R"([{"name": 5, "type": "NET_BASIC"}])")),
              "src.json: devices[0]: \"name\" must be a string, not 5");
}

TEST(ElftoolManifestSource, RefusesBadNames) {
    const std::string suffix =
        " is invalid: a name is 1 to 67 letters and digits ([A-Za-z0-9])";
    std::vector<std::string> names = {"", "a-b", "with space", "n\\u00e9t", std::string(68, 'x')};
    for (const std::string& name : names) {
        std::string quoted = "\"" + name + "\"";
        std::string shown = name == "n\\u00e9t" ? "\"n\u00e9t\"" : quoted;
        EXPECT_EQ(error_of(with_devices("[{\"name\": " + quoted + ", \"type\": \"NET_BASIC\"}]")),
                  "src.json: devices[0]: name " + shown + suffix);
    }
}

TEST(ElftoolManifestSource, AcceptsLongestName) {
    std::string name(67, 'Z');
    auto parsed = parse_manifest_source(
        with_devices("[{\"name\": \"" + name + "\", \"type\": \"BLOCK_BASIC\"}]"), kFile);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->devices[0].name, name);
}

TEST(ElftoolManifestSource, RefusesMissingOrUnknownType) {
    EXPECT_EQ(error_of(with_devices(R"([{"name": "a"}])")),
              "src.json: devices[0] (\"a\"): \"type\" is missing: "
              "add \"type\": \"NET_BASIC\" or \"BLOCK_BASIC\"");
    EXPECT_EQ(error_of(with_devices(R"([{"name": "a", "type": "NET_FANCY"}])")),
              "src.json: devices[0] (\"a\"): unknown device type \"NET_FANCY\": "
              "use \"NET_BASIC\" or \"BLOCK_BASIC\"");
    EXPECT_EQ(error_of(with_devices(R"([{"name": "a", "type": 2}])")),
              "src.json: devices[0] (\"a\"): unknown device type 2: "
              "use \"NET_BASIC\" or \"BLOCK_BASIC\"");
}

TEST(ElftoolManifestSource, RefusesDuplicateNames) {
    EXPECT_EQ(error_of(with_devices(R"([{"name": "a", "type": "NET_BASIC"},)"
                                    R"({"name": "b", "type": "NET_BASIC"},)"
                                    R"({"name": "a", "type": "BLOCK_BASIC"}])")),
              "src.json: devices[2] (\"a\"): duplicate name, already used by devices[0]: "
              "give each device a unique name");
}

TEST(ElftoolManifestSource, AcceptsSixtyThreeDevices) {
    auto parsed = parse_manifest_source(with_devices(numbered_devices(63)), kFile);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    ASSERT_EQ(parsed->devices.size(), 63u);
    EXPECT_EQ(parsed->devices[62].name, "disk62");
}

TEST(ElftoolManifestSource, RefusesSixtyFourDevices) {
    EXPECT_EQ(error_of(with_devices(numbered_devices(64))),
              "src.json: too many devices: 64 declared, at most 63");
}

TEST(ElftoolManifestSource, DeviceTypeNames) {
    EXPECT_EQ(device_type_from_name("NET_BASIC"), MFT_DEV_NET_BASIC);
    EXPECT_EQ(device_type_from_name("BLOCK_BASIC"), MFT_DEV_BLOCK_BASIC);
    EXPECT_EQ(device_type_from_name("net_basic"), std::nullopt);
    EXPECT_EQ(device_type_from_name("RESERVED_FIRST"), std::nullopt);
    EXPECT_EQ(device_type_name(MFT_DEV_NET_BASIC), "NET_BASIC");
    EXPECT_EQ(device_type_name(MFT_DEV_BLOCK_BASIC), "BLOCK_BASIC");
    EXPECT_EQ(device_type_name(MFT_RESERVED_FIRST), std::nullopt);
}

TEST(ElftoolManifestSource, CSourceDeclaresEveryEntryInOrder) {
    ManifestSource source{{{"service", MFT_DEV_NET_BASIC}, {"storage", MFT_DEV_BLOCK_BASIC}}};
    std::string c = manifest_c_source(source);
    EXPECT_NE(c.find("#define TENOR_MFT_ENTRIES 3\n"), std::string::npos);
    EXPECT_NE(c.find("#include <tenor/mft_abi.h>\n"), std::string::npos);
    EXPECT_NE(c.find("__attribute__((used, section(\".note.solo5.manifest\"), "
                     "aligned(MFT_NOTE_ALIGN)))"),
              std::string::npos);
    EXPECT_NE(c.find(".n_descsz = MFT_NOTE_PAD + MFT_SIZE(TENOR_MFT_ENTRIES),"), std::string::npos);
    size_t reserved = c.find("{ .name = \"\", .type = MFT_RESERVED_FIRST },");
    size_t service = c.find("{ .name = \"service\", .type = MFT_DEV_NET_BASIC },");
    size_t storage = c.find("{ .name = \"storage\", .type = MFT_DEV_BLOCK_BASIC },");
    ASSERT_NE(reserved, std::string::npos);
    ASSERT_NE(service, std::string::npos);
    ASSERT_NE(storage, std::string::npos);
    EXPECT_LT(reserved, service);
    EXPECT_LT(service, storage);
}

TEST(ElftoolManifestSource, CSourceWithoutDevicesHasOnlyTheReservedEntry) {
    std::string c = manifest_c_source(ManifestSource{});
    EXPECT_NE(c.find("#define TENOR_MFT_ENTRIES 1\n"), std::string::npos);
    EXPECT_EQ(c.find("MFT_DEV_"), std::string::npos);
}

TEST(ElftoolManifestSource, JsonIsPrettyAndInSchemaOrder) {
    ManifestSource source{{{"service", MFT_DEV_NET_BASIC}, {"storage", MFT_DEV_BLOCK_BASIC}}};
    EXPECT_EQ(manifest_source_json(source),
              "{\n"
              "  \"type\": \"solo5.manifest\",\n"
              "  \"version\": 1,\n"
              "  \"devices\": [\n"
              "    {\n"
              "      \"name\": \"service\",\n"
              "      \"type\": \"NET_BASIC\"\n"
              "    },\n"
              "    {\n"
              "      \"name\": \"storage\",\n"
              "      \"type\": \"BLOCK_BASIC\"\n"
              "    }\n"
              "  ]\n"
              "}\n");
}

TEST(ElftoolManifestSource, JsonRoundTrips) {
    auto first = parse_manifest_source(with_devices(numbered_devices(63)), kFile);
    ASSERT_TRUE(first.ok()) << first.error().message;
    auto second = parse_manifest_source(manifest_source_json(*first), "again.json");
    ASSERT_TRUE(second.ok()) << second.error().message;
    ASSERT_EQ(second->devices.size(), first->devices.size());
    for (size_t i = 0; i < first->devices.size(); ++i) {
        EXPECT_EQ(second->devices[i].name, first->devices[i].name);
        EXPECT_EQ(second->devices[i].type, first->devices[i].type);
    }
}

TEST(ElftoolManifestSource, EmptyDevicesRenderAsEmptyArray) {
    EXPECT_EQ(manifest_source_json(ManifestSource{}),
              "{\n  \"type\": \"solo5.manifest\",\n  \"version\": 1,\n  \"devices\": []\n}\n");
}

TEST(ElftoolManifestSource, AbiJson) {
    EXPECT_EQ(abi_json("tenor-hvt", 1),
              "{\n  \"type\": \"solo5.abi\",\n  \"target\": \"tenor-hvt\",\n  \"version\": 1\n}\n");
}

}  // namespace
}  // namespace tenor::elftool
