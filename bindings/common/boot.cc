// boot.cc: the start-up common to all targets: options, banner, memory map, then the application.
#include "bindings.h"

// Defined by the target's linker script, each region starting page-aligned.
extern "C" char _stext[], _etext[], _srodata[], _erodata[], _sdata[], _edata[], _end[];

namespace tenor::bindings {
namespace {

// The application's copy of the command line, without the bindings' options.
constinit char g_cmdline[kCmdlineMax] = {};

uint64_t address(const char *symbol) {
    return reinterpret_cast<uintptr_t>(symbol);
}

void warn_unknown_option(const char *token, size_t len, void *) {
    log(LogLevel::warn,
            "unknown option '%.*s' ignored: the bindings accept --solo5:quiet, --solo5:error, "
            "--solo5:warn, --solo5:info and --solo5:debug", static_cast<int>(len), token);
}

void print_region(const char *name, uint64_t start, uint64_t end) {
    log(LogLevel::info, "%10s @ (0x%lx - 0x%lx)", name, static_cast<unsigned long>(start),
            static_cast<unsigned long>(end - 1));
}

void print_banner(const BootParams &params) {
    if (!log_enabled(LogLevel::info))
        return;
    print("            tenor %s (%s): Solo5 API unikernel bindings\n", TENOR_VERSION, params.target);
    if (params.mem_size != 0) {
        log(LogLevel::info, "memory map: %lu MiB addressable",
                static_cast<unsigned long>(params.mem_size >> 20));
    }
    print_region("reserved", 0, address(_stext));
    print_region("text", address(_stext), address(_etext));
    print_region("rodata", address(_srodata), address(_erodata));
    print_region("data", address(_sdata), address(_end));
    log(LogLevel::info, "%10s >= 0x%lx < stack < 0x%lx", "heap",
            static_cast<unsigned long>(params.heap_start), static_cast<unsigned long>(params.stack_top));
}

void print_details(const BootParams &params) {
    log(LogLevel::debug, "heap: %lu bytes; stack: %lu bytes below 0x%lx",
            static_cast<unsigned long>(params.heap_size), static_cast<unsigned long>(params.stack_size),
            static_cast<unsigned long>(params.stack_top));
    log(LogLevel::debug, "command line for the application: \"%s\"", g_cmdline);
}

}  // namespace

void refuse_boot_info(const char *monitor, uint64_t magic, uint32_t version,
        uint64_t expected_magic, uint32_t expected_version) {
    log(LogLevel::error,
            "the monitor passed boot info with magic 0x%lx and ABI version %u, but these bindings need "
            "magic 0x%lx and ABI version %u: run the unikernel with a %s of the same release as "
            "the bindings it was linked with",
            static_cast<unsigned long>(magic), version, static_cast<unsigned long>(expected_magic),
            expected_version, monitor);
    platform_exit(SOLO5_EXIT_ABORT);
}

void boot(const BootParams &params) {
    console_batch(true);
    bool whole = cmdline_copy(g_cmdline, sizeof(g_cmdline), params.cmdline, params.cmdline_max);
    set_log_level(cmdline_log_level(g_cmdline, LogLevel::info));
    if (!whole) {
        log(LogLevel::warn, "the command line is longer than %lu bytes and was cut: pass fewer arguments",
                static_cast<unsigned long>(sizeof(g_cmdline) - 1));
    }
    cmdline_strip_options(g_cmdline, warn_unknown_option, nullptr);
    devices_init(params.mft);
    print_banner(params);
    print_details(params);
    console_batch(false);

    struct solo5_start_info info = {g_cmdline, params.heap_start, params.heap_size};
    solo5_exit(solo5_app_main(&info));
}

}  // namespace tenor::bindings
