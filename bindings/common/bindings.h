// bindings.h: what the bindings' common, x86_64 and per-target parts declare for one another.
#ifndef TENOR_BINDINGS_BINDINGS_H
#define TENOR_BINDINGS_BINDINGS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "solo5.h"
#include "tenor/mft_abi.h"

#include "cmdline.h"
#include "format.h"

// The compiler may emit calls to these for copies and loops even in
// freestanding code, so the bindings define them; the build then makes them
// local so that an application's own libc can define its own.
extern "C" {
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
}

namespace tenor::bindings {

// Console output and logging (common/log.cc).
void set_log_level(LogLevel level);
// Start-up output: with batching on, the bindings' lines are written in one
// go by console_flush() (or when batching stops, the buffer fills, or the
// application writes to the console).
void console_batch(bool on);
void console_flush();
bool log_enabled(LogLevel level);
// Prints a formatted message as is.
void print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
// Prints "tenor: " and the formatted message if level is enabled.
void log(LogLevel level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

// The one path for broken invariants of the bindings: prints
// "tenor: panic: <reason>" and ends the unikernel with SOLO5_EXIT_ABORT.
[[noreturn]] void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
// Ends the unikernel with SOLO5_EXIT_ABORT after an error message that names
// how the application misused the API.
[[noreturn]] void abort_misuse(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

// What a target knows at boot and hands to the common start-up (common/boot.cc).
struct BootParams {
    const char *target;        // "hvt", "spt"
    const char *cmdline;       // as given by the monitor, NUL-terminated within cmdline_max
    size_t cmdline_max;        // bytes readable at cmdline
    uint64_t mem_size;         // 0 if the target has no fixed guest memory
    uint64_t heap_start;
    uint64_t heap_size;
    uint64_t stack_top;
    uint64_t stack_size;
    const struct mft *mft;     // the attached manifest
};

// Sets up the common state (log level, command line, manifest), prints the
// banner, runs solo5_app_main() and exits with its result.
[[noreturn]] void boot(const BootParams &params);

// Stops the unikernel when the monitor speaks another ABI than the bindings
// (nothing in its boot info can then be trusted), naming both sides' magic
// and version and the monitor to use.
[[noreturn]] void refuse_boot_info(const char *monitor, uint64_t magic, uint32_t version,
        uint64_t expected_magic, uint32_t expected_version);

// The attached manifest (common/devices.cc).
void devices_init(const struct mft *mft);
// The handles acquired so far, bit N for handle N.
uint64_t acquired_handles();
// The entry of handle if it was acquired with the given type, else null.
const struct mft_entry *device_if_acquired(solo5_handle_t handle, mft_type_t type);
// The manifest entry of an acquired handle of the given type, or an abort
// naming the caller and the handle.
const struct mft_entry &acquired_device(solo5_handle_t handle, mft_type_t type, const char *caller);

// Stack protector (common/ssp.cc): seeds __stack_chk_guard.
void ssp_init(uint64_t entropy);
uintptr_t ssp_guard();

// What every target implements (in <target>/platform.cc).
[[noreturn]] void platform_exit(int status);
void platform_console_write(const char *buf, size_t size);
solo5_result_t platform_block_write(solo5_handle_t handle, solo5_off_t offset, const uint8_t *buf,
        size_t size);
solo5_result_t platform_block_read(solo5_handle_t handle, solo5_off_t offset, uint8_t *buf,
        size_t size);
// The largest block transfer the target does in one request.
size_t platform_block_io_max();
solo5_result_t platform_net_write(solo5_handle_t handle, const uint8_t *buf, size_t size);
solo5_result_t platform_net_read(solo5_handle_t handle, uint8_t *buf, size_t size,
        size_t *read_size);
// The acquired network handles with frames waiting to be read.
solo5_handle_set_t platform_net_pending();

}  // namespace tenor::bindings

#endif
