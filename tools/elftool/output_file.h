// output_file.h: replaces a file atomically, so that a failed run never leaves a partial file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace tenor::elftool {

// Writes `contents` to a temporary file next to `path` and renames it over
// `path`. On any error the temporary file is removed and `path` is untouched.
Result<void> write_file_atomically(const std::string& path, std::string_view contents);

// Reads a whole file of at most max_bytes; the error names the file and the
// reason. The bound keeps a mistaken path such as /dev/zero from eating memory.
Result<std::string> read_whole_file(const std::string& path, size_t max_bytes);

}  // namespace tenor::elftool
