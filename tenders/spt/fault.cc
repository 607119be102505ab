// fault.cc: the signal handlers that stand in for hvt's trap stubs: they run on an alternate
// stack, make only the two system calls the seccomp filter keeps for them, and word their report
// with the shared common/fault_text.
#include "fault.h"

#include <asm/prctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "common/format.h"
#include "raw_syscall.h"

namespace tenor::spt {

namespace {

constexpr int kStatusFault = 255;
constexpr int kStatusSignalBase = 128;
constexpr size_t kAltStackSize = 64 * 1024;

// Static storage: the handlers may not allocate, and the filter pins the
// diagnostic buffer's address.
constinit FaultContext g_context;
constinit uint64_t g_monitor_fs_base = 0;
constinit bool g_fsgsbase = false;
alignas(16) char g_alt_stack[kAltStackSize];
char g_diagnostic[kDiagnosticSize];

const int kFaultSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
const int kStopSignals[] = {SIGINT, SIGTERM};

const char* signal_name(int signo) {
    switch (signo) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGILL: return "SIGILL";
    case SIGFPE: return "SIGFPE";
    case SIGTRAP: return "SIGTRAP";
    default: return "a signal";
    }
}

bool in_unmapped_range(const FaultContext& context, uint64_t address) {
    for (int i = 0; i < context.unmapped_count; i++) {
        if (address >= context.unmapped_start[i] && address < context.unmapped_end[i])
            return true;
    }
    return false;
}

FaultCause page_fault_cause_on_spt(const siginfo_t& info, uint64_t error_code, uint64_t address,
                                   const FaultContext& context) {
    FaultCause hardware = page_fault_cause(error_code);
    if (hardware == FaultCause::reserved_bit || info.si_signo != SIGSEGV)
        return hardware;
    // The kernel fills page tables lazily, so the present bit says little;
    // whether the address has a mapping at all is what si_code tells.
    if (info.si_code == SEGV_ACCERR && !in_unmapped_range(context, address))
        return FaultCause::protection;
    return FaultCause::not_mapped;
}

[[noreturn]] void finish(size_t length, int status) {
    raw_syscall(SYS_write, 2, reinterpret_cast<uint64_t>(g_diagnostic), length);
    raw_syscall(SYS_exit_group, static_cast<uint64_t>(status));
    __builtin_unreachable();
}

[[noreturn]] void report_stop(int signo, bool from_fault_signal) {
    int status = kStatusSignalBase + signo;
    FixedText text(g_diagnostic, kDiagnosticSize);
    text.add("tenor-spt: stopped the unikernel on ").add(signal_name(signo));
    if (from_fault_signal)
        text.add(" sent by another process");
    text.add(" (exit status ").add_decimal(static_cast<uint64_t>(status)).add(")\n");
    finish(text.length(), status);
}

[[noreturn, gnu::noinline]] void report_fault(int signo, const siginfo_t* info, const ucontext_t* uc) {
    // A fault signal another process sent is a request to stop, not a fault.
    if (info->si_code <= 0)
        report_stop(signo, true);
    char description[kDiagnosticSize];
    describe_fault(decode_fault(*info, uc->uc_mcontext, g_context), description, sizeof description);
    FixedText text(g_diagnostic, kDiagnosticSize - 1);
    text.add("tenor-spt: guest fault: ").add(description);
    // The line always ends with its newline, however long the description.
    size_t length = text.length();
    g_diagnostic[length++] = '\n';
    finish(length, kStatusFault);
}

// The guest may have moved the FS base; the monitor's code (and its stack
// protector, if the compiler adds one) reads its TLS through it, so this
// function itself must not.
[[gnu::no_stack_protector]] void restore_monitor_fs_base() {
    if (g_fsgsbase)
        asm volatile("wrfsbase %0" : : "r"(g_monitor_fs_base) : "memory");
    else
        raw_syscall(SYS_arch_prctl, ARCH_SET_FS, g_monitor_fs_base);
}

[[gnu::no_stack_protector]] void on_fault_signal(int signo, siginfo_t* info, void* uc) {
    restore_monitor_fs_base();
    report_fault(signo, info, static_cast<const ucontext_t*>(uc));
}

[[gnu::no_stack_protector]] void on_stop_signal(int signo, siginfo_t*, void*) {
    restore_monitor_fs_base();
    report_stop(signo, false);
}

Result<void> set_handler(int signo, void (*handler)(int, siginfo_t*, void*)) {
    struct sigaction action{};
    action.sa_sigaction = handler;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    // Nothing may interrupt a handler: it never returns.
    sigfillset(&action.sa_mask);
    if (sigaction(signo, &action, nullptr) < 0)
        return fail("cannot install the handler for ", signal_name(signo), ": ", errno_text());
    return Ok{};
}

}  // namespace

FaultContext fault_context(const Layout& layout) {
    FaultContext context;
    context.guard_page = layout.guard_page();
    for (const Region& region : layout.regions) {
        if (region.prot != PROT_NONE || context.unmapped_count == kMaxUnmappedRanges)
            continue;
        context.unmapped_start[context.unmapped_count] = region.start;
        context.unmapped_end[context.unmapped_count] = region.end;
        context.unmapped_count++;
    }
    return context;
}

FaultReport decode_fault(const siginfo_t& info, const mcontext_t& mcontext, const FaultContext& context) {
    FaultReport report;
    report.vector = static_cast<unsigned>(mcontext.gregs[REG_TRAPNO]);
    report.error_code = static_cast<uint64_t>(mcontext.gregs[REG_ERR]);
    report.rip = static_cast<uint64_t>(mcontext.gregs[REG_RIP]);
    report.access = page_fault_access(report.error_code);
    report.address = static_cast<uint64_t>(mcontext.gregs[REG_CR2]);
    report.cause = page_fault_cause_on_spt(info, report.error_code, report.address, context);
    report.guard_page = context.guard_page;
    return report;
}

char* diagnostic_buffer() {
    return g_diagnostic;
}

Result<void> install_signal_handlers(const FaultContext& context, uint64_t monitor_fs_base, bool fsgsbase) {
    g_context = context;
    g_monitor_fs_base = monitor_fs_base;
    g_fsgsbase = fsgsbase;
    stack_t stack{};
    stack.ss_sp = g_alt_stack;
    stack.ss_size = sizeof g_alt_stack;
    if (sigaltstack(&stack, nullptr) < 0)
        return fail("cannot set up the signal stack for the guest's faults: ", errno_text());
    for (int signo : kFaultSignals)
        TRY_VOID(set_handler(signo, on_fault_signal));
    for (int signo : kStopSignals)
        TRY_VOID(set_handler(signo, on_stop_signal));
    return Ok{};
}

}  // namespace tenor::spt
