// manifest_source.cc: checks a "solo5.manifest" JSON source and renders it as C or as JSON.
#include "manifest_source.h"

#include <nlohmann/json.hpp>

#include <array>
#include <initializer_list>
#include <utility>

#include "common/manifest.h"
#include "strict_json.h"

namespace tenor::elftool {
namespace {

using json = nlohmann::json;

constexpr std::string_view kManifestType = "solo5.manifest";
constexpr std::string_view kAbiType = "solo5.abi";

constexpr std::array<std::pair<std::string_view, mft_type_t>, 2> kDeviceTypes = {{
    {"BLOCK_BASIC", MFT_DEV_BLOCK_BASIC},
    {"NET_BASIC", MFT_DEV_NET_BASIC},
}};

// How a device is named in messages: its array index and, once known, its name.
std::string device_label(size_t index, std::string_view name = {}) {
    std::string label = "devices[" + std::to_string(index) + "]";
    if (!name.empty())
        label += " (\"" + std::string(name) + "\")";
    return label;
}

Result<void> check_keys(const json& object, std::initializer_list<std::string_view> allowed,
                        std::string_view where, std::string_view allowed_text) {
    for (const auto& [key, value] : object.items()) {
        bool known = false;
        for (std::string_view name : allowed)
            known = known || key == name;
        if (!known)
            return fail(where, ": unknown key \"", key, "\": ", allowed_text);
    }
    return Ok{};
}

Result<void> check_header(const json& document) {
    if (!document.is_object())
        return fail("the top level must be an object such as "
                    "{\"type\": \"solo5.manifest\", \"version\": 1, \"devices\": []}");
    TRY_VOID(check_keys(document, {"type", "version", "devices"}, "top level",
                        "the allowed keys are \"type\", \"version\" and \"devices\""));
    if (!document.contains("type"))
        return fail("\"type\" is missing: add \"type\": \"solo5.manifest\"");
    const json& type = document["type"];
    if (!type.is_string() || type.get<std::string>() != kManifestType)
        return fail("\"type\" is ", type.dump(), ", expected \"solo5.manifest\"");
    if (!document.contains("version"))
        return fail("\"version\" is missing: add \"version\": 1");
    const json& version = document["version"];
    if (!version.is_number_integer() || version.get<int64_t>() != MFT_VERSION)
        return fail("\"version\" is ", version.dump(), ", expected ", MFT_VERSION,
                    " (the only manifest version)");
    if (!document.contains("devices"))
        return fail("\"devices\" is missing: add \"devices\": [] or a list of devices");
    if (!document["devices"].is_array())
        return fail("\"devices\" must be an array of devices such as "
                    "[{\"name\": \"service\", \"type\": \"NET_BASIC\"}]");
    return Ok{};
}

Result<std::string> device_name(const json& device, size_t index) {
    if (!device.contains("name"))
        return fail(device_label(index), ": \"name\" is missing: add \"name\": \"NAME\"");
    const json& name = device["name"];
    if (!name.is_string())
        return fail(device_label(index), ": \"name\" must be a string, not ", name.dump());
    std::string text = name.get<std::string>();
    if (!valid_device_name(text))
        return fail(device_label(index), ": name ", name.dump(),
                    " is invalid: a name is 1 to 67 letters and digits ([A-Za-z0-9])");
    return text;
}

Result<mft_type_t> device_type(const json& device, size_t index, std::string_view name) {
    if (!device.contains("type"))
        return fail(device_label(index, name),
                    ": \"type\" is missing: add \"type\": \"NET_BASIC\" or \"BLOCK_BASIC\"");
    const json& type = device["type"];
    std::optional<mft_type_t> known;
    if (type.is_string())
        known = device_type_from_name(type.get<std::string>());
    if (!known)
        return fail(device_label(index, name), ": unknown device type ", type.dump(),
                    ": use \"NET_BASIC\" or \"BLOCK_BASIC\"");
    return *known;
}

Result<SourceDevice> parse_device(const json& device, size_t index) {
    if (!device.is_object())
        return fail(device_label(index), " is ", device.dump(),
                    ", not an object: write {\"name\": \"NAME\", \"type\": \"NET_BASIC\"}");
    TRY_VOID(check_keys(device, {"name", "type"}, device_label(index),
                        "a device has only \"name\" and \"type\""));
    std::string name = TRY(device_name(device, index));
    mft_type_t type = TRY(device_type(device, index, name));
    return SourceDevice{std::move(name), type};
}

// Upstream Solo5 accepts duplicate names, but the second device of a name
// can never be attached, so the unikernel could never start.
Result<void> check_unique(const std::vector<SourceDevice>& devices, size_t index) {
    for (size_t earlier = 0; earlier < index; ++earlier) {
        if (devices[earlier].name == devices[index].name)
            return fail(device_label(index, devices[index].name),
                        ": duplicate name, already used by ", device_label(earlier),
                        ": give each device a unique name");
    }
    return Ok{};
}

Result<ManifestSource> parse_document(const json& document) {
    TRY_VOID(check_header(document));
    const json& devices = document["devices"];
    if (devices.size() > kMaxUserDevices)
        return fail("too many devices: ", devices.size(), " declared, at most ", kMaxUserDevices);
    ManifestSource source;
    for (size_t i = 0; i < devices.size(); ++i) {
        source.devices.push_back(TRY(parse_device(devices[i], i)));
        TRY_VOID(check_unique(source.devices, i));
    }
    return source;
}

std::string c_enum_name(mft_type_t type) {
    switch (type) {
    case MFT_DEV_BLOCK_BASIC:
        return "MFT_DEV_BLOCK_BASIC";
    case MFT_DEV_NET_BASIC:
        return "MFT_DEV_NET_BASIC";
    case MFT_RESERVED_FIRST:
        return "MFT_RESERVED_FIRST";
    }
    return "(mft_type_t)" + std::to_string(static_cast<uint32_t>(type)) + "U";
}

std::string c_entry(std::string_view name, mft_type_t type) {
    return "            { .name = \"" + std::string(name) + "\", .type = " + c_enum_name(type) +
           " },\n";
}

// The fixed part of the generated file, before and after the entries. The
// note mirrors struct mft with a fixed-size array so that it is plain C11
// (a flexible array member cannot be initialised or nested portably); the
// static assertions prove the two layouts agree.
constexpr std::string_view kCPrologue = R"(
#include <tenor/mft_abi.h>

struct tenor_mft {
    uint32_t version;
    uint32_t entries;
    struct mft_entry e[TENOR_MFT_ENTRIES];
};

struct tenor_mft_note {
    struct mft_nhdr h;
    uint8_t pad[MFT_NOTE_PAD];
    struct tenor_mft m;
};

_Static_assert(offsetof(struct tenor_mft, entries) == offsetof(struct mft, entries),
               "the manifest header matches struct mft");
_Static_assert(offsetof(struct tenor_mft, e) == offsetof(struct mft, e),
               "the entries start where struct mft puts them");
_Static_assert(sizeof(struct tenor_mft) == MFT_SIZE(TENOR_MFT_ENTRIES),
               "the manifest has no trailing padding");
_Static_assert(offsetof(struct tenor_mft_note, m) == sizeof(struct mft_nhdr) + MFT_NOTE_PAD,
               "the manifest starts 8-byte aligned after the note header");
_Static_assert(sizeof(struct tenor_mft_note) ==
                   sizeof(struct mft_nhdr) + MFT_NOTE_PAD + MFT_SIZE(TENOR_MFT_ENTRIES),
               "the note has no trailing padding");

const struct tenor_mft_note tenor_mft_note
    __attribute__((used, section(".note.solo5.manifest"), aligned(MFT_NOTE_ALIGN))) = {
    .h = {
        .n_namesz = sizeof(MFT_NOTE_NAME),
        .n_descsz = MFT_NOTE_PAD + MFT_SIZE(TENOR_MFT_ENTRIES),
        .n_type = MFT_NOTE_TYPE,
        .n_name = MFT_NOTE_NAME,
    },
    .m = {
        .version = MFT_VERSION,
        .entries = TENOR_MFT_ENTRIES,
        .e = {
)";

constexpr std::string_view kCEpilogue = R"(        },
    },
};
)";

}  // namespace

std::optional<mft_type_t> device_type_from_name(std::string_view name) {
    for (const auto& [text, type] : kDeviceTypes) {
        if (text == name)
            return type;
    }
    return std::nullopt;
}

std::optional<std::string_view> device_type_name(mft_type_t type) {
    for (const auto& [text, known] : kDeviceTypes) {
        if (known == type)
            return text;
    }
    return std::nullopt;
}

Result<ManifestSource> parse_manifest_source(std::string_view text, std::string_view file_name) {
    auto parsed = parse_strict_json(text);
    if (!parsed)
        return fail(file_name, ": ", parsed.error().message);
    auto source = parse_document(*parsed);
    if (!source)
        return fail(file_name, ": ", source.error().message);
    return source;
}

std::string manifest_c_source(const ManifestSource& source) {
    size_t entries = source.devices.size() + 1;
    std::string c = "/* The application manifest (a Solo5 \"MFT1\" ELF note), generated by\n"
                    " * tenor-elftool gen-manifest: edit the JSON source, not this file. */\n";
    c += "\n#define TENOR_MFT_ENTRIES " + std::to_string(entries) + "\n";
    c += kCPrologue;
    c += c_entry("", MFT_RESERVED_FIRST);
    for (const SourceDevice& device : source.devices)
        c += c_entry(device.name, device.type);
    c += kCEpilogue;
    return c;
}

std::string manifest_source_json(const ManifestSource& source) {
    nlohmann::ordered_json devices = nlohmann::ordered_json::array();
    for (const SourceDevice& device : source.devices) {
        nlohmann::ordered_json entry = {{"name", device.name}};
        if (auto name = device_type_name(device.type))
            entry["type"] = std::string(*name);
        else
            entry["type"] = static_cast<uint32_t>(device.type);
        devices.push_back(std::move(entry));
    }
    nlohmann::ordered_json document = {
        {"type", kManifestType}, {"version", MFT_VERSION}, {"devices", std::move(devices)}};
    return document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string abi_json(std::string_view target_name, uint32_t version) {
    nlohmann::ordered_json document = {
        {"type", kAbiType}, {"target", target_name}, {"version", version}};
    return document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace tenor::elftool
