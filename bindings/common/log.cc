// log.cc: the bindings' console messages, log levels and the two ways they end the unikernel on error.
#include "bindings.h"

namespace tenor::bindings {
namespace {

// Longer messages are cut; the bindings print nothing near this long.
constexpr size_t kLineMax = 512;

constinit LogLevel g_level = LogLevel::info;

// While batching, lines collect here and reach the console in one write:
// each write is a VM exit on hvt, and start-up prints several lines.
constexpr size_t kBatchMax = 2048;
constinit char g_batch[kBatchMax];
constinit size_t g_batch_len = 0;
constinit bool g_batching = false;

void emit(const char *line, size_t len) {
    if (g_batching && len <= kBatchMax - g_batch_len) {
        memcpy(g_batch + g_batch_len, line, len);
        g_batch_len += len;
        return;
    }
    console_flush();
    platform_console_write(line, len);
}

// Formats prefix, the message and suffix into one line and writes it.
void write_line(const char *prefix, const char *suffix, const char *fmt, va_list ap) {
    char line[kLineMax];
    size_t len = format(line, sizeof(line), "%s", prefix);
    if (len < sizeof(line))
        len += format_v(line + len, sizeof(line) - len, fmt, ap);
    if (len < sizeof(line))
        len += format(line + len, sizeof(line) - len, "%s", suffix);
    if (len >= sizeof(line)) {
        // Keep the line break so that the next message starts on its own line.
        len = sizeof(line) - 1;
        line[len - 1] = '\n';
    }
    emit(line, len);
}

}  // namespace

void console_batch(bool on) {
    if (!on)
        console_flush();
    g_batching = on;
}

void console_flush() {
    if (g_batch_len != 0)
        platform_console_write(g_batch, g_batch_len);
    g_batch_len = 0;
}

void set_log_level(LogLevel level) {
    g_level = level;
}

bool log_enabled(LogLevel level) {
    return level != LogLevel::quiet && static_cast<int>(level) <= static_cast<int>(g_level);
}

void print(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    write_line("", "", fmt, ap);
    va_end(ap);
}

void log(LogLevel level, const char *fmt, ...) {
    if (!log_enabled(level))
        return;
    va_list ap;
    va_start(ap, fmt);
    write_line("tenor: ", "\n", fmt, ap);
    va_end(ap);
}

// Panics and misuse aborts are printed at every log level, quiet included:
// they are the only explanation of the exit status the user will see.
void panic(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    write_line("tenor: panic: ", "\n", fmt, ap);
    va_end(ap);
    console_flush();
    platform_exit(SOLO5_EXIT_ABORT);
}

void abort_misuse(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    write_line("tenor: ", "\n", fmt, ap);
    va_end(ap);
    console_flush();
    platform_exit(SOLO5_EXIT_ABORT);
}

}  // namespace tenor::bindings

extern "C" void solo5_console_write(const char *buf, size_t size) {
    tenor::bindings::console_flush();
    tenor::bindings::platform_console_write(buf, size);
}
