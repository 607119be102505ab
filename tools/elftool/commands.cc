// commands.cc: gen-manifest, query-manifest and query-abi over the shared manifest and ELF readers.
#include "commands.h"

#include <cstdio>

#include "common/manifest.h"
#include "common/mapped_file.h"
#include "manifest_source.h"
#include "output_file.h"

namespace tenor::elftool {
namespace {

// A manifest source of 63 devices is under 4 KiB; anything near this size is
// not a manifest source.
constexpr size_t kMaxSourceBytes = 1 << 20;

Result<void> write_stdout(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
        return fail("cannot write to standard output");
    return Ok{};
}

// parse_manifest has already refused unknown device types and entry 0 is not
// among the devices, so every device maps onto the source format.
ManifestSource to_source(const Manifest& manifest) {
    ManifestSource source;
    for (const ManifestDevice& device : manifest.devices)
        source.devices.push_back(SourceDevice{device.name, device.type});
    return source;
}

}  // namespace

Result<void> gen_manifest(const std::string& source_path, const std::string& output_path) {
    std::string text = TRY(read_whole_file(source_path, kMaxSourceBytes));
    ManifestSource source = TRY(parse_manifest_source(text, source_path));
    std::string c = manifest_c_source(source);
    if (output_path == "-")
        return write_stdout(c);
    return write_file_atomically(output_path, c);
}

Result<std::string> query_manifest(const std::string& binary_path) {
    MappedFile binary = TRY(MappedFile::open(binary_path));
    auto manifest = read_manifest(binary.bytes());
    if (!manifest)
        return fail(binary_path, ": ", manifest.error().message);
    return manifest_source_json(to_source(*manifest));
}

Result<std::string> query_abi(const std::string& binary_path) {
    MappedFile binary = TRY(MappedFile::open(binary_path));
    auto abi = read_abi(binary.bytes());
    if (!abi)
        return fail(binary_path, ": ", abi.error().message);
    return abi_json(abi_target_name(abi->target), abi->version);
}

}  // namespace tenor::elftool
