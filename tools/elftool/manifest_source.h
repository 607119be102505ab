// manifest_source.h: the "solo5.manifest" JSON source, its checks, and the C note it compiles to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tenor/mft_abi.h>

#include "common/result.h"

namespace tenor::elftool {

// At most this many user devices: entry 0 of every manifest is reserved.
inline constexpr size_t kMaxUserDevices = MFT_MAX_ENTRIES - 1;

struct SourceDevice {
    std::string name;
    mft_type_t type;
};

// The devices a unikernel declares, in declaration order (entry 1 onwards).
struct ManifestSource {
    std::vector<SourceDevice> devices;
};

// Parses and checks a manifest source such as
//   {"type":"solo5.manifest","version":1,"devices":[{"name":"service","type":"NET_BASIC"}]}
// Every error message starts with `file_name` and says how to fix the input.
Result<ManifestSource> parse_manifest_source(std::string_view text, std::string_view file_name);

// The C translation unit defining the manifest as a Solo5 "MFT1" note in
// section .note.solo5.manifest. It needs only <tenor/mft_abi.h>.
std::string manifest_c_source(const ManifestSource& source);

// The source JSON for `source`, pretty-printed, keys in schema order.
std::string manifest_source_json(const ManifestSource& source);

// The "solo5.abi" JSON that query-abi prints.
std::string abi_json(std::string_view target_name, uint32_t version);

// "NET_BASIC" <-> MFT_DEV_NET_BASIC and "BLOCK_BASIC" <-> MFT_DEV_BLOCK_BASIC.
std::optional<mft_type_t> device_type_from_name(std::string_view name);
std::optional<std::string_view> device_type_name(mft_type_t type);

}  // namespace tenor::elftool
