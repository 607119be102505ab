// exit.cc: solo5_exit() and solo5_abort(), the two ways an application ends the unikernel.
#include "bindings.h"

using namespace tenor::bindings;

extern "C" void solo5_exit(int status) {
    log(LogLevel::info, "solo5_exit(%d) called", status);
    // A monitor reports statuses 0..255 only; anything else is reported as an abort.
    if (status < 0 || status > SOLO5_EXIT_ABORT) {
        log(LogLevel::warn, "exit status %d is outside 0..255: exiting with %d (abort) instead",
                status, SOLO5_EXIT_ABORT);
        status = SOLO5_EXIT_ABORT;
    }
    platform_exit(status);
}

extern "C" void solo5_abort(void) {
    log(LogLevel::info, "solo5_abort() called");
    platform_exit(SOLO5_EXIT_ABORT);
}
