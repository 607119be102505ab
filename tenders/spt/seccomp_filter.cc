// seccomp_filter.cc: libseccomp generates the BPF; the monitor installs it itself, just before
// entering the guest (Linux Documentation/userspace-api/seccomp_filter.rst).
#include "seccomp_filter.h"

#include <linux/seccomp.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

#include "common/fd.h"
#include "common/format.h"
#include "raw_syscall.h"

namespace tenor::spt {

namespace {

struct ContextDeleter {
    void operator()(void* ctx) const { seccomp_release(ctx); }
};
using Context = std::unique_ptr<void, ContextDeleter>;

scmp_compare compare_of(ArgPin::Op op) {
    switch (op) {
    case ArgPin::Op::le: return SCMP_CMP_LE;
    case ArgPin::Op::lt: return SCMP_CMP_LT;
    case ArgPin::Op::gt: return SCMP_CMP_GT;
    case ArgPin::Op::eq: break;
    }
    return SCMP_CMP_EQ;
}

Result<void> add_rule(void* ctx, const SyscallRule& rule) {
    std::vector<scmp_arg_cmp> pins;
    for (const ArgPin& pin : rule.pins)
        pins.push_back(SCMP_CMP64(pin.arg, compare_of(pin.op), pin.value));
    // _exact: the rule must mean on x86_64 exactly what it says.
    int rc = seccomp_rule_add_exact_array(ctx, SCMP_ACT_ALLOW, rule.nr,
                                          static_cast<unsigned>(pins.size()), pins.data());
    if (rc < 0)
        return fail("libseccomp refused the rule for ", syscall_name(rule.nr), ": ", errno_text(-rc));
    return Ok{};
}

Result<Context> new_context() {
    Context ctx(seccomp_init(SCMP_ACT_KILL_PROCESS));
    if (!ctx)
        return fail("libseccomp could not create a filter (is libseccomp 2.4 or later installed?)");
    // Installed by install_filters() itself, once, before the first filter.
    if (seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_NNP, 0) < 0 ||
        seccomp_attr_set(ctx.get(), SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) < 0)
        return fail("libseccomp refused the filter's attributes");
    return ctx;
}

// libseccomp 2.5 exports only to a descriptor: a memory file takes it.
Result<BpfProgram> export_program(void* ctx) {
    UniqueFd memory(static_cast<int>(syscall(SYS_memfd_create, "tenor-spt-filter", MFD_CLOEXEC)));
    if (!memory.valid())
        return fail("cannot create a memory file for the seccomp filter: ", errno_text());
    int rc = seccomp_export_bpf(ctx, memory.get());
    if (rc < 0)
        return fail("libseccomp could not generate the seccomp filter: ", errno_text(-rc));
    off_t size = lseek(memory.get(), 0, SEEK_END);
    if (size <= 0 || size % sizeof(sock_filter) != 0)
        return fail("libseccomp generated a seccomp filter of ", size, " bytes, not whole instructions");
    BpfProgram program(static_cast<size_t>(size) / sizeof(sock_filter));
    if (pread(memory.get(), program.data(), static_cast<size_t>(size), 0) != size)
        return fail("cannot read back the seccomp filter: ", errno_text());
    return program;
}

Result<BpfProgram> compile_checked(const std::vector<SyscallRule>& rules) {
    BpfProgram program = TRY(compile_rules(rules));
    if (program.size() > kMaxFilterInstructions)
        return fail("a seccomp filter came out at ", program.size(), " instructions, above the kernel's limit of ",
                    kMaxFilterInstructions, ": attach fewer devices");
    return program;
}

size_t block_rule_total(const SeccompPolicy& policy) {
    size_t total = 0;
    for (const SeccompPolicy::Block& block : policy.blocks)
        total += block_rule_count(block);
    return total;
}

}  // namespace

Result<BpfProgram> compile_rules(const std::vector<SyscallRule>& rules) {
    Context ctx = TRY(new_context());
    for (const SyscallRule& rule : rules)
        TRY_VOID(add_rule(ctx.get(), rule));
    return export_program(ctx.get());
}

Result<std::vector<BpfProgram>> compile_policy(const SeccompPolicy& policy) {
    std::vector<BpfProgram> filters;
    if (block_rule_total(policy) <= kMaxBlockRulesPerFilter) {
        filters.push_back(TRY(compile_checked(policy_rules(policy))));
        return filters;
    }
    // The group filters go in first: each lets seccomp() through so that
    // the next can follow; the main filter, last, does not.
    for (const auto& group : block_groups(policy, kMaxBlockRulesPerFilter))
        filters.push_back(TRY(compile_checked(block_group_rules(policy, group))));
    filters.push_back(TRY(compile_checked(policy_rules_without_block_ranges(policy))));
    return filters;
}

long install_filters(const std::vector<BpfProgram>& filters) {
    long rc = raw_syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    for (size_t i = 0; rc == 0 && i < filters.size(); i++) {
        sock_fprog program{static_cast<unsigned short>(filters[i].size()),
                           const_cast<sock_filter*>(filters[i].data())};
        rc = raw_syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, reinterpret_cast<uintptr_t>(&program));
    }
    return rc;
}

}  // namespace tenor::spt
