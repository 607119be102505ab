// strict_json.h: JSON parsing that reports syntax errors by line and refuses duplicate keys.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "common/result.h"

namespace tenor::elftool {

// Parses `text` as one JSON document without throwing. The error message
// names the line and column of a syntax error, or the path of an object that
// repeats a key (nlohmann would silently keep the last value, hiding typos
// such as two "name" keys in one device). Nesting is bounded to 32 levels.
Result<nlohmann::json> parse_strict_json(std::string_view text);

}  // namespace tenor::elftool
