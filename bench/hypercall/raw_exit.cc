// raw_exit.cc: the floor for a hypercall's cost: a guest set up as tenor-hvt sets one up that does nothing but `out` to a hypercall port, timed per exit.
//
// Usage: raw_exit [--cpl0] [EXITS]   (default 20000 exits)
// Prints "result: raw_exit CALLS calls NS ns/call", the line format of
// bench_hypercall.hvt, where CALLS are the timed exits (the first tenth
// warms up and is not timed).
//
// --cpl0 runs the same loop at CPL0 and reports it as raw_exit_cpl0: not a
// floor for tenor, whose guests run at CPL3, but the price of an exit from
// ring 0 for comparison (on PVM hosts ring-0 code is emulated, and exits
// from it cost a different amount than exits from CPL3).
//
// The guest runs at CPL3 in 64-bit mode with tenor-hvt's page tables,
// descriptor tables (whose TSS I/O bitmap opens the hypercall ports), CPUID
// and XCR0, all built by tenor-hvt's own code: on PVM hosts only CPL3 code
// runs natively, and the XSAVE state KVM swaps on every return to the
// monitor grows with XCR0, so anything less would not be a faithful floor.
// The monitor side resumes the vCPU at once, decoding nothing.
#include <linux/kvm.h>

#include <charconv>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

#include "bench/common/clock.h"
#include "common/elf.h"
#include "common/format.h"
#include "common/guest_memory.h"
#include "common/result.h"
#include "hvt/cpu.h"
#include "hvt/exits.h"
#include "hvt/kvm.h"
#include "hvt/layout.h"
#include "hvt/paging.h"
#include "tenor/hvt_abi.h"

namespace tenor::bench {

namespace {

constexpr uint64_t kMemSize = 4ULL << 20;
constexpr uint64_t kCodeAddress = TENOR_HVT_KERNEL_BASE;
// No hypercall has number 0, so nothing could mistake the loop's exits for real ones.
constexpr uint16_t kLoopPort = TENOR_HVT_PIO_BASE;
constexpr uint16_t kDonePort = TENOR_HVT_PIO_BASE + 1;
constexpr uint32_t kDefaultExits = 20000;
constexpr uint32_t kMinExits = 10;
constexpr uint32_t kMaxExits = 100000000;

// Appends an instruction's immediate operand, little-endian.
template <typename T>
void append_immediate(std::vector<uint8_t>& code, T value) {
    for (size_t i = 0; i < sizeof(T); i++)
        code.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

// The guest: `mov $exits, %ecx; mov $kLoopPort, %dx; 1: out %eax, %dx;
// loop 1b; mov $kDonePort, %dx; out %eax, %dx; jmp .`
std::vector<uint8_t> guest_code(uint32_t exits) {
    std::vector<uint8_t> code = {0xb9};  // mov $imm32, %ecx
    append_immediate(code, exits);
    code.insert(code.end(), {0x66, 0xba});  // mov $imm16, %dx
    append_immediate(code, kLoopPort);
    code.insert(code.end(), {0xef, 0xe2, 0xfd});  // out %eax, %dx; loop back to the out
    code.insert(code.end(), {0x66, 0xba});
    append_immediate(code, kDonePort);
    code.insert(code.end(), {0xef, 0xeb, 0xfe});  // out %eax, %dx; jmp .
    return code;
}

// What plan_layout() needs to know of the guest: one text segment at the kernel base.
ElfImage code_image(uint64_t code_size) {
    ElfImage image;
    image.entry = kCodeAddress;
    image.loads.push_back({.vaddr = kCodeAddress, .memsz = code_size, .offset = 0,
                           .filesz = code_size, .read = true, .write = false, .exec = true});
    image.load_end = kCodeAddress + hvt::kPageSize;
    return image;
}

Result<Gpa> build_page_tables(const GuestMemory& memory, const hvt::Layout& layout) {
    auto builder = TRY(hvt::PageTableBuilder::create(memory, Gpa(TENOR_HVT_PAGE_TABLES),
                                                     Gpa(TENOR_HVT_PAGE_TABLES_END)));
    for (const hvt::Region& region : layout.regions) {
        if (region.end > region.start)
            TRY_VOID(builder.map(region.start, region.end - region.start, region.perms));
    }
    return builder.root();
}

// Moves the vCPU to ring 0 with the monitor's kernel segments (tenor/hvt_abi.h).
void switch_to_cpl0(kvm_sregs& sregs) {
    sregs.cs.selector = TENOR_HVT_SEL_KERNEL_CS;
    sregs.cs.dpl = 0;
    for (kvm_segment* data : {&sregs.ss, &sregs.ds, &sregs.es, &sregs.fs, &sregs.gs}) {
        data->selector = TENOR_HVT_SEL_KERNEL_DS;
        data->dpl = 0;
    }
}

// CPUID, XCR0, FPU, control registers and segments as tenor-hvt sets them,
// or at ring 0 when cpl0 is set.
Result<void> set_up_cpu(const hvt::Kvm& kvm, const hvt::Vcpu& vcpu, Gpa root, uint64_t stack_top,
                        bool cpl0) {
    auto cpuid = TRY(kvm.supported_cpuid());
    hvt::CpuFeatures features = hvt::adjust_cpuid(cpuid, hvt::host_cpu());
    TRY_VOID(vcpu.set_cpuid(cpuid));
    if (features.xcr0)
        TRY_VOID(vcpu.set_xcr0(features.xcr0));
    TRY_VOID(vcpu.set_fpu(hvt::initial_fpu()));
    if (cpl0) {
        // The loop's page is a user page, which SMEP forbids ring 0 to execute.
        features.smep = false;
        features.smap = false;
    }
    kvm_sregs reset = TRY(vcpu.sregs());
    kvm_sregs sregs = hvt::initial_sregs(reset, root, features);
    if (cpl0)
        switch_to_cpl0(sregs);
    TRY_VOID(vcpu.set_sregs(sregs));
    kvm_regs regs{};
    regs.rip = kCodeAddress;
    regs.rsp = stack_top;
    regs.rflags = 0x2;  // IOPL 0, as tenor-hvt: only the TSS I/O bitmap grants the ports
    return vcpu.set_regs(regs);
}

struct RawGuest {
    hvt::Kvm kvm;
    hvt::Vm vm;
    GuestMemory memory;
    hvt::Vcpu vcpu;
};

Result<RawGuest> create_guest(uint32_t exits, bool cpl0) {
    hvt::Kvm kvm = TRY(hvt::Kvm::open());
    hvt::Vm vm = TRY(hvt::Vm::create(kvm));
    GuestMemory memory = TRY(GuestMemory::create(kMemSize));
    TRY_VOID(vm.set_memory(memory.host_base(), memory.size()));
    hvt::Vcpu vcpu = TRY(hvt::Vcpu::create(kvm, vm));

    std::vector<uint8_t> code = guest_code(exits);
    hvt::Layout layout = TRY(hvt::plan_layout(kMemSize, code_image(code.size())));
    auto text = TRY(memory.bytes(Gpa(kCodeAddress), code.size()));
    std::memcpy(text.data(), code.data(), code.size());
    Gpa root = TRY(build_page_tables(memory, layout));
    TRY_VOID(hvt::write_descriptor_tables(memory));
    TRY_VOID(set_up_cpu(kvm, vcpu, root, layout.stack_top, cpl0));
    return RawGuest{std::move(kvm), std::move(vm), std::move(memory), std::move(vcpu)};
}

// Explains an exit that is not part of the loop.
Error unexpected_exit(const RawGuest& guest) {
    hvt::DecodedExit exit = hvt::decode_exit(*guest.vcpu.run_area(), guest.memory.size());
    std::string what = exit.kind == hvt::ExitKind::kTrap
                           ? "CPU exception vector " + std::to_string(exit.value)
                           : exit.detail;
    auto regs = guest.vcpu.regs();
    std::string rip = regs ? ", rip " + hex(regs->rip) : "";
    return fail("the raw-exit guest stopped unexpectedly: ", what, rip,
                ": this host's KVM does not run tenor's CPL3 set-up as tenor-hvt expects");
}

// Runs the guest to its end; returns the nanoseconds from the warmup-th loop
// exit to the final exit, that is, exits - warmup round trips.
Result<uint64_t> time_exits(const RawGuest& guest, uint32_t exits, uint32_t warmup) {
    const kvm_run& run = *guest.vcpu.run_area();
    uint32_t seen = 0;
    uint64_t start = 0;
    for (;;) {
        // KVM_RUN returns early, with no exit to look at, when a signal arrives.
        if (!TRY(guest.vcpu.run()))
            continue;
        if (run.exit_reason == KVM_EXIT_IO && run.io.port == kLoopPort) {
            if (++seen == warmup)
                start = now_ns();
            continue;
        }
        if (run.exit_reason == KVM_EXIT_IO && run.io.port == kDonePort && seen == exits)
            return now_ns() - start;
        return unexpected_exit(guest);
    }
}

Result<uint32_t> parse_exits(std::string_view text) {
    uint32_t exits = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), exits);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
        exits < kMinExits || exits > kMaxExits)
        return fail("'", std::string(text), "' is not a number of exits: give an integer from ",
                    kMinExits, " to ", kMaxExits);
    return exits;
}

struct RawExitOptions {
    bool cpl0 = false;
    uint32_t exits = kDefaultExits;
};

Result<RawExitOptions> parse_options(int argc, char** argv) {
    RawExitOptions options;
    int i = 1;
    if (i < argc && std::string_view(argv[i]) == "--cpl0") {
        options.cpl0 = true;
        i++;
    }
    if (i < argc && argv[i][0] == '-')
        return fail("unknown option '", argv[i], "': usage: raw_exit [--cpl0] [EXITS]");
    if (i < argc)
        options.exits = TRY(parse_exits(argv[i++]));
    if (i < argc)
        return fail("unexpected argument '", argv[i], "': usage: raw_exit [--cpl0] [EXITS]");
    return options;
}

Result<void> run(int argc, char** argv) {
    RawExitOptions options = TRY(parse_options(argc, argv));
    uint32_t warmup = options.exits / 10;
    RawGuest guest = TRY(create_guest(options.exits, options.cpl0));
    uint64_t elapsed = TRY(time_exits(guest, options.exits, warmup));
    uint64_t timed = options.exits - warmup;
    // Tenths of a nanosecond, printed as the guest benchmark prints them.
    uint64_t tenths = elapsed * 10 / timed;
    printf("result: %s %llu calls %llu.%llu ns/call\n", options.cpl0 ? "raw_exit_cpl0" : "raw_exit",
           static_cast<unsigned long long>(timed), static_cast<unsigned long long>(tenths / 10),
           static_cast<unsigned long long>(tenths % 10));
    return Ok{};
}

}  // namespace

}  // namespace tenor::bench

int main(int argc, char** argv) {
    auto done = tenor::bench::run(argc, argv);
    if (!done) {
        fprintf(stderr, "raw_exit: %s\n", done.error().message.c_str());
        return 1;
    }
    return 0;
}
