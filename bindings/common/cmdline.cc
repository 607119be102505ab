// cmdline.cc: copying the command line and removing the bindings' own --solo5: options from it.
//
// Pure logic with no dependency on the rest of the bindings, so that the host
// unit tests compile it too.
#include "cmdline.h"

namespace tenor::bindings {
namespace {

constexpr char kOptionPrefix[] = "--solo5:";
constexpr size_t kOptionPrefixLen = sizeof(kOptionPrefix) - 1;

struct LevelName {
    const char *name;
    LogLevel level;
};

constexpr LevelName kLevelNames[] = {
    {"quiet", LogLevel::quiet},
    {"error", LogLevel::error},
    {"warn", LogLevel::warn},
    {"info", LogLevel::info},
    {"debug", LogLevel::debug},
};

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

size_t token_length(const char *p) {
    size_t len = 0;
    while (p[len] != '\0' && !is_blank(p[len]))
        len++;
    return len;
}

// Whether the len bytes at token are exactly the NUL-terminated word.
bool token_is(const char *token, size_t len, const char *word) {
    for (size_t i = 0; i < len; i++) {
        if (word[i] != token[i])
            return false;
    }
    return word[len] == '\0';
}

bool is_option(const char *token, size_t len) {
    if (len < kOptionPrefixLen)
        return false;
    for (size_t i = 0; i < kOptionPrefixLen; i++) {
        if (token[i] != kOptionPrefix[i])
            return false;
    }
    return true;
}

// Looks the option's name (after the prefix) up among the log levels.
bool option_level(const char *token, size_t len, LogLevel *level) {
    const char *name = token + kOptionPrefixLen;
    size_t name_len = len - kOptionPrefixLen;
    for (const LevelName &known : kLevelNames) {
        if (token_is(name, name_len, known.name)) {
            *level = known.level;
            return true;
        }
    }
    return false;
}

}  // namespace

bool cmdline_copy(char *dst, size_t dst_size, const char *src, size_t src_max) {
    if (dst_size == 0)
        return false;
    size_t limit = src_max < dst_size - 1 ? src_max : dst_size - 1;
    size_t i = 0;
    for (; i < limit && src[i] != '\0'; i++)
        dst[i] = src[i];
    dst[i] = '\0';
    // The copy is whole only if the source's NUL was seen within bounds.
    return i < src_max && src[i] == '\0';
}

LogLevel cmdline_log_level(const char *cmdline, LogLevel fallback) {
    LogLevel level = fallback;
    const char *p = cmdline;
    while (*p != '\0') {
        if (is_blank(*p)) {
            p++;
            continue;
        }
        size_t len = token_length(p);
        if (token_is(p, len, "--"))
            break;
        LogLevel asked;
        if (is_option(p, len) && option_level(p, len, &asked))
            level = asked;
        p += len;
    }
    return level;
}

void cmdline_strip_options(char *cmdline, UnknownOptionFn on_unknown, void *ctx) {
    char *out = cmdline;
    const char *in = cmdline;
    bool options_done = false;
    bool removed_last = false;
    while (*in != '\0') {
        if (is_blank(*in)) {
            *out++ = *in++;
            continue;
        }
        size_t len = token_length(in);
        if (!options_done && token_is(in, len, "--"))
            options_done = true;
        if (!options_done && is_option(in, len)) {
            LogLevel ignored;
            if (on_unknown != nullptr && !option_level(in, len, &ignored))
                on_unknown(in, len, ctx);
            in += len;
            while (is_blank(*in))
                in++;
            removed_last = true;
            continue;
        }
        // out never passes in, so a forward copy is safe.
        for (size_t i = 0; i < len; i++)
            out[i] = in[i];
        out += len;
        in += len;
        removed_last = false;
    }
    // A removed last option leaves the blanks that separated it behind.
    if (removed_last) {
        while (out > cmdline && is_blank(out[-1]))
            out--;
    }
    *out = '\0';
}

}  // namespace tenor::bindings
