// commands.cc: gen-manifest, query-manifest and query-abi over the shared manifest and ELF readers.
#include "commands.h"

#include <cstdio>
#include <span>

#include "common/elf.h"
#include "common/manifest.h"
#include "manifest_source.h"
#include "output_file.h"

namespace tenor::elftool {
namespace {

std::span<const uint8_t> as_bytes(const std::string& contents) {
    return {reinterpret_cast<const uint8_t*>(contents.data()), contents.size()};
}

Result<void> write_stdout(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
        return fail("cannot write to standard output");
    return Ok{};
}

// Entry 0 is the reserved entry every manifest starts with, not a device.
Result<ManifestSource> to_source(const Manifest& manifest) {
    ManifestSource source;
    for (const ManifestDevice& device : manifest.devices) {
        if (device.type == MFT_RESERVED_FIRST)
            continue;
        if (!device_type_name(device.type))
            return fail("device \"", device.name, "\" has the unknown type ",
                        static_cast<uint32_t>(device.type),
                        ": this tenor-elftool knows NET_BASIC and BLOCK_BASIC only");
        source.devices.push_back(SourceDevice{device.name, device.type});
    }
    return source;
}

}  // namespace

Result<void> gen_manifest(const std::string& source_path, const std::string& output_path) {
    std::string text = TRY(read_whole_file(source_path));
    ManifestSource source = TRY(parse_manifest_source(text, source_path));
    std::string c = manifest_c_source(source);
    if (output_path == "-")
        return write_stdout(c);
    return write_file_atomically(output_path, c);
}

Result<std::string> query_manifest(const std::string& binary_path) {
    std::string contents = TRY(read_whole_file(binary_path));
    auto manifest = read_manifest(as_bytes(contents));
    if (!manifest)
        return fail(binary_path, ": ", manifest.error().message);
    auto source = to_source(*manifest);
    if (!source)
        return fail(binary_path, ": ", source.error().message);
    return manifest_source_json(*source);
}

Result<std::string> query_abi(const std::string& binary_path) {
    std::string contents = TRY(read_whole_file(binary_path));
    auto abi = read_abi(as_bytes(contents));
    if (!abi)
        return fail(binary_path, ": ", abi.error().message);
    return abi_json(abi_target_name(abi->target), abi->version);
}

}  // namespace tenor::elftool
