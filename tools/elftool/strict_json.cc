// strict_json.cc: a syntax pass over JSON (SAX) that checks for duplicate keys, then a DOM parse.
#include "strict_json.h"

#include <set>
#include <string>
#include <vector>

namespace tenor::elftool {
namespace {

using json = nlohmann::json;

// A manifest nests three levels deep. The bound keeps hostile input (a
// million nested arrays) from costing time and memory, since every open
// level keeps its path.
constexpr size_t kMaxDepth = 32;

// One open object or array, with the path used to name it in messages.
struct Frame {
    bool is_array = false;
    size_t next_index = 0;
    std::string path;
    std::string last_key;
    std::set<std::string> keys;
};

// A SAX consumer that builds nothing: it only remembers the first error.
class StrictChecker final : public nlohmann::json_sax<json> {
public:
    const std::string& error() const { return error_; }

    bool null() override { return scalar(); }
    bool boolean(bool) override { return scalar(); }
    bool number_integer(number_integer_t) override { return scalar(); }
    bool number_unsigned(number_unsigned_t) override { return scalar(); }
    bool number_float(number_float_t, const string_t&) override { return scalar(); }
    bool string(string_t&) override { return scalar(); }
    bool binary(binary_t&) override { return scalar(); }

    bool start_object(std::size_t) override { return open(false); }
    bool start_array(std::size_t) override { return open(true); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool key(string_t& name) override {
        Frame& frame = frames_.back();
        if (!frame.keys.insert(name).second) {
            error_ = "duplicate key \"" + name + "\" in " + describe(frame.path) +
                     ": write each key once";
            return false;
        }
        frame.last_key = name;
        return true;
    }

    bool parse_error(std::size_t, const std::string&, const json::exception& ex) override {
        error_ = "invalid JSON: " + without_exception_id(ex.what());
        return false;
    }

private:
    // The path of the value that starts now, advancing the parent's index.
    std::string child_path() {
        if (frames_.empty())
            return "";
        Frame& parent = frames_.back();
        if (parent.is_array)
            return parent.path + "[" + std::to_string(parent.next_index++) + "]";
        return parent.path.empty() ? parent.last_key : parent.path + "." + parent.last_key;
    }

    // A scalar opens no frame, but it does take up an index in its array.
    bool scalar() {
        child_path();
        return true;
    }

    bool open(bool is_array) {
        if (frames_.size() == kMaxDepth) {
            error_ = "invalid JSON: nested deeper than " + std::to_string(kMaxDepth) +
                     " levels at " + describe(frames_.back().path) +
                     ": a manifest needs only three";
            return false;
        }
        Frame frame;
        frame.is_array = is_array;
        frame.path = child_path();
        frames_.push_back(std::move(frame));
        return true;
    }

    bool close() {
        frames_.pop_back();
        return true;
    }

    static std::string describe(const std::string& path) {
        return path.empty() ? "the top-level object" : path;
    }

    // nlohmann prefixes its messages with "[json.exception.parse_error.101] ",
    // which means nothing to a user.
    static std::string without_exception_id(std::string_view what) {
        if (!what.starts_with("["))
            return std::string(what);
        size_t end = what.find("] ");
        return std::string(end == std::string_view::npos ? what : what.substr(end + 2));
    }

    std::vector<Frame> frames_;
    std::string error_;
};

}  // namespace

Result<json> parse_strict_json(std::string_view text) {
    StrictChecker checker;
    if (!json::sax_parse(text, &checker))
        return fail(checker.error());
    // The text is known to be valid, so this parse cannot fail; it is asked
    // not to throw all the same.
    json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded())
        return fail("invalid JSON: the document could not be parsed");
    return document;
}

}  // namespace tenor::elftool
