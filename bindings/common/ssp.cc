// ssp.cc: the stack protector's canary and its failure path, shared with the application.
#include "bindings.h"

extern "C" {

// A terminator canary (NUL, LF, CR and 0xff bytes) guards the few calls made
// before the start-up code seeds a random one.
uintptr_t __stack_chk_guard = 0x00000aff0a0d0000ULL;

// Called by code compiled with -fstack-protector when a frame's canary was
// overwritten: the stack cannot be trusted, so print a constant and stop.
[[noreturn]] __attribute__((no_stack_protector)) void __stack_chk_fail(void) {
    static const char message[] = "tenor: stack smashing detected\n";
    tenor::bindings::platform_console_write(message, sizeof(message) - 1);
    tenor::bindings::platform_exit(SOLO5_EXIT_ABORT);
}

}  // extern "C"

namespace tenor::bindings {

// The low byte stays zero so that a string overflow or a string read of the
// stack cannot reproduce or leak the whole canary.
void ssp_init(uint64_t entropy) {
    __stack_chk_guard = static_cast<uintptr_t>(entropy) & ~static_cast<uintptr_t>(0xff);
}

uintptr_t ssp_guard() {
    return __stack_chk_guard;
}

}  // namespace tenor::bindings
