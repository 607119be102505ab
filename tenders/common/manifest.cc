// manifest.cc: validation of the MFT1 manifest note and the ABI1 note declared in manifest.h.
#include "common/manifest.h"

#include <cstddef>
#include <cstring>
#include <optional>

#include "common/elf.h"
#include "common/format.h"

namespace tenor {
namespace {

static_assert(__STDCPP_DEFAULT_NEW_ALIGNMENT__ >= alignof(struct mft),
              "Manifest::raw must be aligned enough to be viewed as a struct mft");

constexpr size_t kEntrySize = sizeof(struct mft_entry);
const char* const kRegenerate =
    "regenerate the manifest with tenor-elftool gen-manifest and relink the unikernel";

// Copies a T out of the manifest bytes; the caller has checked the size.
template <typename T>
T load(std::span<const uint8_t> bytes, size_t offset) {
    T value;
    std::memcpy(&value, bytes.data() + offset, sizeof(T));
    return value;
}

// The bytes before the first NUL, with anything unprintable escaped as \xNN,
// so that a hostile name cannot garble the terminal.
std::string printable(std::span<const uint8_t> bytes) {
    std::string out;
    for (uint8_t c : bytes) {
        if (c == 0)
            break;
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
            out += static_cast<char>(c);
            continue;
        }
        static const char digits[] = "0123456789abcdef";
        out += "\\x";
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

Result<uint32_t> check_header(std::span<const uint8_t> bytes) {
    if (bytes.size() < sizeof(struct mft))
        return fail("manifest: ", bytes.size(), " bytes, too small for the 8-byte manifest header: ",
                    kRegenerate);
    uint32_t version = load<uint32_t>(bytes, offsetof(struct mft, version));
    uint32_t entries = load<uint32_t>(bytes, offsetof(struct mft, entries));
    if (version != MFT_VERSION)
        return fail("manifest: version ", version, ", expected ", MFT_VERSION, ": ", kRegenerate);
    if (entries < 1 || entries > MFT_MAX_ENTRIES)
        return fail("manifest: ", entries, " entries, expected 1 to ", MFT_MAX_ENTRIES,
                    " (the reserved entry and at most 63 devices): ", kRegenerate);
    if (bytes.size() != MFT_SIZE(entries))
        return fail("manifest: ", bytes.size(), " bytes, but ", entries, " entries take exactly ",
                    MFT_SIZE(entries), ": the note is corrupt; ", kRegenerate);
    return entries;
}

// The name of entry `index`, or an error if it is not NUL-terminated.
Result<std::string> entry_name(std::span<const uint8_t> entry, uint32_t index) {
    std::span<const uint8_t> field = entry.first(MFT_NAME_SIZE);
    const void* nul = std::memchr(field.data(), 0, field.size());
    if (nul == nullptr)
        return fail("manifest: entry ", index, " has a name that is not NUL-terminated within ",
                    MFT_NAME_SIZE, " bytes: ", kRegenerate);
    return std::string(reinterpret_cast<const char*>(field.data()));
}

Result<void> check_reserved_entry(std::span<const uint8_t> entry) {
    std::string name = TRY(entry_name(entry, 0));
    uint32_t type = load<uint32_t>(entry, offsetof(struct mft_entry, type));
    if (type != MFT_RESERVED_FIRST)
        return fail("manifest: entry 0 has type ", hex(type), ", expected the reserved type ",
                    hex(MFT_RESERVED_FIRST), ": ", kRegenerate);
    if (!name.empty())
        return fail("manifest: entry 0 has name '", printable(entry.first(MFT_NAME_SIZE)),
                    "', expected an empty name: ", kRegenerate);
    if (load<uint8_t>(entry, offsetof(struct mft_entry, attached)) != 0)
        return fail("manifest: entry 0 is marked attached in the binary: the note is corrupt; ", kRegenerate);
    return Ok{};
}

Result<ManifestDevice> check_device_entry(std::span<const uint8_t> entry, uint32_t index) {
    std::string name = TRY(entry_name(entry, index));
    if (!valid_device_name(name))
        return fail("manifest: entry ", index, " has invalid name '", printable(entry.first(MFT_NAME_SIZE)),
                    "': a device name is 1 to 67 letters and digits; ", kRegenerate);
    uint32_t type = load<uint32_t>(entry, offsetof(struct mft_entry, type));
    if (type != MFT_DEV_BLOCK_BASIC && type != MFT_DEV_NET_BASIC)
        return fail("manifest: entry ", index, " ('", name, "') has device type ", hex(type),
                    ", expected BLOCK_BASIC (1) or NET_BASIC (2): ", kRegenerate);
    if (load<uint8_t>(entry, offsetof(struct mft_entry, attached)) != 0)
        return fail("manifest: entry ", index, " ('", name, "') is marked attached in the binary: ",
                    "the note is corrupt; ", kRegenerate);
    return ManifestDevice{std::move(name), static_cast<mft_type_t>(type), index};
}

// Upstream Solo5 accepts two devices with one name, and the second can never
// be attached; tenor refuses the manifest instead.
Result<void> check_unique(const std::vector<ManifestDevice>& devices, const ManifestDevice& added) {
    for (const ManifestDevice& d : devices)
        if (d.name == added.name)
            return fail("manifest: device name '", added.name, "' is declared twice (entries ", d.index,
                        " and ", added.index, "): rename one of them in the manifest JSON and ",
                        kRegenerate);
    return Ok{};
}

// The -z solo5-abi= value that builds for a target.
std::string abi_flag(uint32_t target) {
    if (target == ABI_TARGET_TENOR_HVT) return "hvt";
    if (target == ABI_TARGET_TENOR_SPT) return "spt";
    return abi_target_name(target);
}

bool is_upstream_target(uint32_t target) {
    return target >= ABI_TARGET_SOLO5_HVT && target <= ABI_TARGET_SOLO5_XEN;
}

bool is_tenor_target(uint32_t target) {
    return target == ABI_TARGET_TENOR_HVT || target == ABI_TARGET_TENOR_SPT;
}

}  // namespace

bool valid_device_name(std::string_view name) {
    if (name.empty() || name.size() > MFT_NAME_MAX)
        return false;
    for (char c : name) {
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum)
            return false;
    }
    return true;
}

Result<Manifest> parse_manifest(std::span<const uint8_t> mft_bytes) {
    uint32_t entries = TRY(check_header(mft_bytes));
    auto entry = [&](uint32_t i) { return mft_bytes.subspan(sizeof(struct mft) + i * kEntrySize, kEntrySize); };
    TRY_VOID(check_reserved_entry(entry(0)));
    Manifest manifest;
    for (uint32_t i = 1; i < entries; i++) {
        ManifestDevice device = TRY(check_device_entry(entry(i), i));
        TRY_VOID(check_unique(manifest.devices, device));
        manifest.devices.push_back(std::move(device));
    }
    manifest.raw.assign(mft_bytes.begin(), mft_bytes.end());
    return manifest;
}

Result<Manifest> read_manifest(std::span<const uint8_t> elf_file) {
    auto note = TRY(find_note(elf_file, MFT_NOTE_NAME, MFT_NOTE_TYPE));
    if (!note)
        return fail("no Solo5 manifest note (.note.solo5.manifest): link with tenor's toolchain and a ",
                    "manifest generated by tenor-elftool gen-manifest");
    if (note->size() < MFT_NOTE_PAD)
        return fail("manifest: the note descriptor is ", note->size(), " bytes, too small for the ",
                    MFT_NOTE_PAD, " bytes of padding before the manifest: ", kRegenerate);
    return parse_manifest(note->subspan(MFT_NOTE_PAD));
}

Result<AbiInfo> read_abi(std::span<const uint8_t> elf_file) {
    auto note = TRY(find_note(elf_file, ABI1_NOTE_NAME, ABI1_NOTE_TYPE));
    if (!note)
        return fail("no Solo5 ABI note (.note.solo5.abi): link with tenor's toolchain ",
                    "(x86_64-solo5-none-static-ld -z solo5-abi=hvt or spt)");
    if (note->size() != sizeof(struct abi1_info))
        return fail("ABI note: the descriptor is ", note->size(), " bytes, expected ", sizeof(struct abi1_info),
                    ": the note is corrupt; relink with tenor's toolchain");
    auto info = load<struct abi1_info>(*note, 0);
    return AbiInfo{info.abi_target, info.abi_version};
}

std::string abi_target_name(uint32_t target) {
    switch (target) {
    case ABI_TARGET_SOLO5_HVT: return "hvt";
    case ABI_TARGET_SOLO5_SPT: return "spt";
    case ABI_TARGET_SOLO5_VIRTIO: return "virtio";
    case ABI_TARGET_SOLO5_MUEN: return "muen";
    case ABI_TARGET_SOLO5_GENODE: return "genode";
    case ABI_TARGET_SOLO5_XEN: return "xen";
    case ABI_TARGET_TENOR_HVT: return "tenor-hvt";
    case ABI_TARGET_TENOR_SPT: return "tenor-spt";
    default: return "unknown target " + std::to_string(target);
    }
}

Result<void> check_abi(std::span<const uint8_t> elf_file, uint32_t expected_target,
                       uint32_t expected_version) {
    AbiInfo abi = TRY(read_abi(elf_file));
    std::string want = abi_target_name(expected_target);
    std::string rebuild = "rebuild it with tenor's toolchain (x86_64-solo5-none-static-cc ... -z solo5-abi=" +
                          abi_flag(expected_target) + ")";
    if (is_upstream_target(abi.target))
        return fail("this unikernel was built for upstream Solo5's ", abi_target_name(abi.target),
                    " (ABI version ", abi.version, "), not for ", want, ": ", rebuild);
    if (is_tenor_target(abi.target) && abi.target != expected_target)
        return fail("this unikernel was built for ", abi_target_name(abi.target), ", not for ", want,
                    ": run it with ", abi_target_name(abi.target), ", or ", rebuild);
    if (abi.target != expected_target)
        return fail("this unikernel was built for ", abi_target_name(abi.target), ", not for ", want,
                    ": ", rebuild);
    if (abi.version != expected_version)
        return fail("this unikernel was built for ", want, " ABI version ", abi.version,
                    ", but this monitor implements version ", expected_version,
                    ": rebuild it with the toolchain of this tenor release (x86_64-solo5-none-static-cc ... ",
                    "-z solo5-abi=", abi_flag(expected_target), ")");
    return Ok{};
}

}  // namespace tenor
