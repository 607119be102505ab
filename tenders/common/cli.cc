// cli.cc: command-line parsing shared by tenor-hvt and tenor-spt.
#include "cli.h"

#include <charconv>
#include <string_view>

#include "manifest.h"

namespace tenor {

namespace {

std::optional<uint64_t> parse_decimal(std::string_view text) {
    uint64_t value = 0;
    if (text.empty())
        return std::nullopt;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// Splits "--KIND:NAME=VALUE" after the prefix "--KIND:" into NAME and VALUE.
Result<std::pair<std::string, std::string>> split_device_flag(const std::string& arg,
                                                              std::string_view prefix,
                                                              const char* value_hint) {
    std::string_view rest(arg);
    rest.remove_prefix(prefix.size());
    size_t eq = rest.find('=');
    std::string_view name = rest.substr(0, eq);
    if (eq == std::string_view::npos || eq + 1 == rest.size())
        return fail("malformed option '", arg, "': expected ", prefix, "NAME=", value_hint);
    if (!valid_device_name(name))
        return fail("malformed option '", arg, "': device name '", std::string(name),
                    "' must be 1 to 67 letters or digits");
    return std::pair{std::string(name), std::string(rest.substr(eq + 1))};
}

template <typename Map, typename Value>
Result<void> insert_once(Map& map, const std::string& name, Value value, std::string_view flag) {
    if (!map.emplace(name, std::move(value)).second)
        return fail("option ", flag, name, " is given more than once: keep one");
    return Ok{};
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

Result<void> parse_mem(const std::string& arg, uint64_t max_mem_mib, Options& options) {
    auto mib = parse_decimal(std::string_view(arg).substr(6));
    if (!mib || *mib == 0 || *mib > max_mem_mib)
        return fail("invalid --mem value '", arg.substr(6), "': give the guest's memory in MiB, from 2 to ",
                    max_mem_mib, " (e.g. --mem=64)");
    if (*mib < 2)
        return fail("--mem=", *mib, " is too small: a unikernel needs at least 2 MiB");
    options.mem_mib = *mib;
    return Ok{};
}

Result<void> parse_option(const std::string& arg, uint64_t max_mem_mib, Options& options) {
    if (arg == "--help" || arg == "-h") {
        options.help = true;
    } else if (arg == "--version") {
        options.version = true;
    } else if (arg.starts_with("--mem=")) {
        TRY_VOID(parse_mem(arg, max_mem_mib, options));
    } else if (arg.starts_with("--net:")) {
        auto [name, iface] = TRY(split_device_flag(arg, "--net:", "TAP (or @FD)"));
        TRY_VOID(insert_once(options.nets, name, iface, "--net:"));
    } else if (arg.starts_with("--net-mac:")) {
        auto [name, text] = TRY(split_device_flag(arg, "--net-mac:", "xx:xx:xx:xx:xx:xx"));
        auto mac = parse_mac(text);
        if (!mac)
            return fail("invalid MAC in '", arg, "': ", mac.error().message);
        TRY_VOID(insert_once(options.net_macs, name, *mac, "--net-mac:"));
    } else if (arg.starts_with("--block:")) {
        auto [name, path] = TRY(split_device_flag(arg, "--block:", "PATH"));
        TRY_VOID(insert_once(options.blocks, name, path, "--block:"));
    } else if (arg.starts_with("--block-sector-size:")) {
        auto [name, text] = TRY(split_device_flag(arg, "--block-sector-size:", "N"));
        auto size = parse_decimal(text);
        if (!size)
            return fail("invalid sector size in '", arg, "': give a number of bytes such as 512 or 4096");
        TRY_VOID(insert_once(options.block_sector_sizes, name, *size, "--block-sector-size:"));
    } else {
        return fail("unknown option '", arg, "': see --help");
    }
    return Ok{};
}

}  // namespace

Result<std::array<uint8_t, 6>> parse_mac(const std::string& text) {
    std::array<uint8_t, 6> mac{};
    if (text.size() != 17)
        return fail("'", text, "' is not of the form xx:xx:xx:xx:xx:xx");
    for (size_t i = 0; i < 6; i++) {
        int hi = hex_digit(text[3 * i]), lo = hex_digit(text[3 * i + 1]);
        if (hi < 0 || lo < 0 || (i < 5 && text[3 * i + 2] != ':'))
            return fail("'", text, "' is not of the form xx:xx:xx:xx:xx:xx");
        mac[i] = static_cast<uint8_t>(hi << 4 | lo);
    }
    if (mac[0] & 1)
        return fail("'", text, "' is a multicast address: a NIC needs a unicast MAC (even first byte)");
    return mac;
}

Result<Options> parse_options(const std::vector<std::string>& args, uint64_t max_mem_mib) {
    Options options;
    size_t i = 0;
    for (; i < args.size(); i++) {
        const std::string& arg = args[i];
        if (arg == "--") {
            i++;
            break;
        }
        if (!arg.starts_with("-"))
            break;
        TRY_VOID(parse_option(arg, max_mem_mib, options));
    }
    if (options.help || options.version)
        return options;
    if (i == args.size())
        return fail("missing KERNEL: give the unikernel to run after the options (see --help)");
    options.kernel = args[i];
    options.guest_args.assign(args.begin() + static_cast<long>(i) + 1, args.end());
    return options;
}

std::string join_guest_args(const std::vector<std::string>& args) {
    std::string line;
    for (const std::string& arg : args) {
        if (!line.empty())
            line += ' ';
        line += arg;
    }
    return line;
}

std::string usage_text(const std::string& prog) {
    return "usage: " + prog + " [OPTIONS] [--] KERNEL [ARGS...]\n"
           "\n"
           "Runs the unikernel KERNEL; ARGS, joined with spaces, become its command line.\n"
           "The exit status is the unikernel's (255 if it aborted or faulted), or 1 if\n"
           "the monitor refused to start it or stopped it for a bad request.\n"
           "\n"
           "Options:\n"
           "  --mem=MiB                      guest memory in MiB (default 512)\n"
           "  --net:NAME=TAP                 attach network device NAME to tap interface TAP\n"
           "  --net:NAME=@FD                 ... or to an inherited tap file descriptor\n"
           "  --net-mac:NAME=xx:xx:xx:xx:xx:xx  MAC address of NAME (default: random)\n"
           "  --block:NAME=PATH              attach block device NAME to the image at PATH\n"
           "  --block-sector-size:NAME=N     sector size of NAME, a power of two >= 512\n"
           "                                 (default 512)\n"
           "  --help                         show this help\n"
           "  --version                      show the version\n"
           "\n"
           "Every device the unikernel declares in its manifest must be attached.\n"
           "Bindings options such as --solo5:quiet go after KERNEL, with ARGS.\n";
}

}  // namespace tenor
