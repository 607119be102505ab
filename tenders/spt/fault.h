// fault.h: what tenor-spt does when the guest faults or the process is told to stop: one line on
// stderr, from a signal handler on its own stack, and the exit status hvt would give.
#pragma once

#include <signal.h>
#include <ucontext.h>

#include <cstdint>

#include "common/fault_text.h"
#include "common/result.h"
#include "layout.h"

namespace tenor::spt {

// Ranges of guest memory mapped PROT_NONE that stand for "unmapped" (the
// guard page, the reserved hole): an access there is reported as to an
// unmapped page, as on hvt.
inline constexpr int kMaxUnmappedRanges = 16;

// What the handlers need, copied into static storage before the guest runs.
struct FaultContext {
    uint64_t guard_page = 0;
    int unmapped_count = 0;
    uint64_t unmapped_start[kMaxUnmappedRanges] = {};
    uint64_t unmapped_end[kMaxUnmappedRanges] = {};
};

// The context for a layout: its guard page and PROT_NONE regions.
FaultContext fault_context(const Layout& layout);

// Decodes a synchronous fault signal the way hvt decodes a trap frame:
// the vector, error code and faulting address come from the kernel's
// sigcontext (trapno, err, cr2), the cause of a page fault from si_code.
FaultReport decode_fault(const siginfo_t& info, const mcontext_t& mcontext, const FaultContext& context);

// The buffer the handlers format their line in; the seccomp filter allows
// write(2, ...) from it and from nowhere else.
char* diagnostic_buffer();
inline constexpr uint64_t kDiagnosticSize = 256;

// Installs handlers, on an alternate signal stack, for the guest's faults
// (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP): "tenor-spt: guest fault:
// ..." and exit 255; and for SIGINT and SIGTERM: "tenor-spt: stopped the
// unikernel on SIGTERM (exit status 143)" and exit 128 + N. The handlers
// make only write(2, diagnostic_buffer()) and exit_group, and first give
// the FS base back to the monitor (monitor_fs_base; with wrfsbase when
// fsgsbase, else arch_prctl).
Result<void> install_signal_handlers(const FaultContext& context, uint64_t monitor_fs_base, bool fsgsbase);

}  // namespace tenor::spt
