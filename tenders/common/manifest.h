// manifest.h: reading and validating a unikernel's manifest (MFT1) and ABI (ABI1) notes.
//
// Both notes come from the binary and are hostile: every field is checked
// before the monitor trusts it. Manifest errors start with "manifest: " and
// name the entry index and, once it is known to be sane, the device name.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "result.h"
#include "tenor/elf_abi.h"
#include "tenor/mft_abi.h"

namespace tenor {

// One device the unikernel declares. index is the entry's position in the
// manifest, which is also the solo5_handle_t the guest receives (1..63).
struct ManifestDevice {
    std::string name;
    mft_type_t type;
    uint32_t index;
};

struct Manifest {
    // The validated struct mft, 8 + entries * 104 bytes. operator new aligns
    // it to at least 16 bytes, so it may be viewed as a struct mft.
    std::vector<uint8_t> raw;
    // The user devices, entries 1..n-1, in manifest order.
    std::vector<ManifestDevice> devices;

    // raw viewed as a struct mft: the monitor fills in the attach
    // information, then copies raw into guest memory.
    struct mft* get() { return reinterpret_cast<struct mft*>(raw.data()); }
    const struct mft* get() const { return reinterpret_cast<const struct mft*>(raw.data()); }
};

// Extracts and validates the MFT1 note of an ELF file. The note descriptor
// is MFT_NOTE_PAD bytes of padding followed by the struct mft.
Result<Manifest> read_manifest(std::span<const uint8_t> elf_file);

// Validates a struct mft given as bytes, already without the padding:
// exact size 8 + entries * 104, version 1, 1..64 entries, entry 0 reserved
// with an empty name, user entries with valid unique names and a known
// device type, nothing marked attached.
Result<Manifest> parse_manifest(std::span<const uint8_t> mft_bytes);

// The contents of the ABI1 note.
struct AbiInfo {
    uint32_t target;   // enum abi_target
    uint32_t version;
};

// Extracts the ABI1 note of an ELF file; its descriptor MUST be 16 bytes.
Result<AbiInfo> read_abi(std::span<const uint8_t> elf_file);

// "hvt", "spt", "virtio", "muen", "genode", "xen" for upstream Solo5's
// targets 1..6, "tenor-hvt" and "tenor-spt" for tenor's, else "unknown target N".
std::string abi_target_name(uint32_t target);

// The check a monitor makes before loading: the binary MUST be built for
// expected_target at expected_version. The error says what the binary was
// built for and how to rebuild it (or which monitor runs it).
Result<void> check_abi(std::span<const uint8_t> elf_file, uint32_t expected_target,
                       uint32_t expected_version);

// True for a device name the manifest and the command line accept: [A-Za-z0-9]{1,67}.
bool valid_device_name(std::string_view name);

}  // namespace tenor
