// cmdline.h: copying the command line and removing the bindings' own --solo5: options from it.
#ifndef TENOR_BINDINGS_CMDLINE_H
#define TENOR_BINDINGS_CMDLINE_H

#include <stddef.h>

namespace tenor::bindings {

// The bindings' log levels: each enables its own messages and those of the
// levels below it; quiet also suppresses the banner.
enum class LogLevel { quiet = 0, error = 1, warn = 2, info = 3, debug = 4 };

// The largest command line the bindings keep, including the NUL (Solo5's limit).
constexpr size_t kCmdlineMax = 8192;

// Copies the NUL-terminated string at src, reading at most src_max bytes, into
// dst of dst_size bytes, always NUL-terminating dst. Returns false if the
// string had to be cut short.
bool cmdline_copy(char *dst, size_t dst_size, const char *src, size_t src_max);

// The log level that the --solo5: options before the first "--" token ask
// for (the last one wins), or fallback if there are none.
LogLevel cmdline_log_level(const char *cmdline, LogLevel fallback);

// Called for each --solo5: option that names no log level; the token is not
// NUL-terminated.
using UnknownOptionFn = void (*)(const char *token, size_t len, void *ctx);

// Removes, in place, every --solo5: token before the first "--" token
// together with the blanks that follow it, leaving all other bytes of the
// command line exactly as they were. Calls on_unknown (if not null) for each
// removed token that is not a known option.
void cmdline_strip_options(char *cmdline, UnknownOptionFn on_unknown, void *ctx);

}  // namespace tenor::bindings

#endif
