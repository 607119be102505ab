// commands.h: the three tenor-elftool commands, each returning what it prints or an error.
#pragma once

#include <string>

#include "common/result.h"

namespace tenor::elftool {

// Compiles SOURCE.json into OUTPUT.c; OUTPUT "-" means standard output.
Result<void> gen_manifest(const std::string& source_path, const std::string& output_path);

// The manifest of a unikernel binary as "solo5.manifest" JSON.
Result<std::string> query_manifest(const std::string& binary_path);

// The ABI note of a unikernel binary as "solo5.abi" JSON.
Result<std::string> query_abi(const std::string& binary_path);

}  // namespace tenor::elftool
