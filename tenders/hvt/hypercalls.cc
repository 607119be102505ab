// hypercalls.cc: the handlers, one small function per hypercall.
#include "hypercalls.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ctime>

#include "common/format.h"
#include "kvm.h"
#include "net.h"
#include "solo5.h"
#include "tenor/hvt_abi.h"

namespace tenor::hvt {

namespace {

using Handler = Result<HypercallOutcome> (*)(const HypercallContext&, Gpa);

Result<HypercallOutcome> walltime(const HypercallContext& context, Gpa arg) {
    timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    tenor_hvt_hc_walltime result{static_cast<uint64_t>(now.tv_sec) * 1000000000ULL +
                                 static_cast<uint64_t>(now.tv_nsec)};
    TRY_VOID(context.memory.write(arg, result));
    return HypercallOutcome{};
}

Result<HypercallOutcome> puts(const HypercallContext& context, Gpa arg) {
    auto request = TRY(context.memory.read<tenor_hvt_hc_puts>(arg));
    auto bytes = context.memory.bytes(Gpa(request.data), request.len);
    if (!bytes)
        return fail("buffer ", hex(request.data), " of ", request.len,
                    " bytes lies outside guest memory (", hex(context.memory.size()), " bytes)");
    // The console is best effort: a failing write is not the guest's fault.
    size_t done = 0;
    while (done < bytes->size()) {
        ssize_t n = write(context.console_fd, bytes->data() + done, bytes->size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += static_cast<size_t>(n);
    }
    return HypercallOutcome{};
}

Result<HypercallOutcome> yield(const HypercallContext& context, Gpa arg) {
    auto request = TRY(context.memory.read<tenor_hvt_hc_yield>(arg));
    constexpr uint64_t kNs = 1000000000ULL;
    timespec timeout{static_cast<time_t>(request.timeout_ns / kNs),
                     static_cast<long>(request.timeout_ns % kNs)};
    uint64_t ready = 0;
    if (context.net) {
        ready = context.net->wait(request.timeout_ns, context.stop_signal);
    } else if (!*context.stop_signal) {
        // No network devices: sleep until the deadline or a signal.
        ppoll(nullptr, 0, &timeout, nullptr);
    }
    tenor_hvt_hc_yield result{request.timeout_ns, ready};
    TRY_VOID(context.memory.write(arg, result));
    return HypercallOutcome{};
}

Result<HypercallOutcome> halt(const HypercallContext& context, Gpa arg) {
    auto request = TRY(context.memory.read<tenor_hvt_hc_halt>(arg));
    int status = static_cast<int>(request.status);
    if (request.status < 0 || request.status > 255) {
        fprintf(stderr, "tenor-hvt: the unikernel exited with status %lld, outside 0..255: "
                        "reporting 255\n", static_cast<long long>(request.status));
        status = 255;
    }
    return HypercallOutcome{true, status};
}

Result<HypercallOutcome> set_fs_base(const HypercallContext& context, Gpa arg) {
    auto request = TRY(context.memory.read<tenor_hvt_hc_set_fs_base>(arg));
    // A non-canonical base would make VM entry fail: refuse it here.
    uint64_t top = request.base >> 47;
    if (top != 0 && top != 0x1ffff)
        return fail("FS base ", hex(request.base), " is not a canonical address");
    if (!context.vcpu)
        return fail("no vCPU to set the FS base on");
    auto sregs = TRY(context.vcpu->sregs());
    sregs.fs.base = request.base;
    TRY_VOID(context.vcpu->set_sregs(sregs));
    return HypercallOutcome{};
}

Result<HypercallOutcome> block_io(const HypercallContext& context, Gpa arg, bool write) {
    auto request = TRY(context.memory.read<tenor_hvt_hc_block_io>(arg));
    const BlockDevice* device = context.devices.block(request.handle);
    if (!device)
        return fail("handle ", request.handle, " is not an attached block device");
    int64_t ret = SOLO5_R_OK;
    if (!device->valid_request(request.offset, request.len, TENOR_HVT_BLOCK_IO_MAX)) {
        ret = SOLO5_R_EINVAL;
    } else {
        auto buffer = context.memory.bytes(Gpa(request.data), request.len);
        if (!buffer)
            return fail("buffer ", hex(request.data), " of ", request.len,
                        " bytes lies outside guest memory (", hex(context.memory.size()), " bytes)");
        auto done = write ? device->write(request.offset, *buffer) : device->read(request.offset, *buffer);
        if (!done) {
            fprintf(stderr, "tenor-hvt: %s (reported to the unikernel as SOLO5_R_EUNSPEC)\n",
                    done.error().message.c_str());
            ret = SOLO5_R_EUNSPEC;
        }
    }
    request.ret = ret;
    TRY_VOID(context.memory.write(arg, request));
    return HypercallOutcome{};
}

Result<HypercallOutcome> net_kick(const HypercallContext& context, Gpa) {
    // Reaches the monitor only where no ioeventfd serves the kick port.
    if (!context.net)
        return fail("the unikernel has no network device to kick");
    context.net->kick();
    return HypercallOutcome{};
}

Result<HypercallOutcome> block_read(const HypercallContext& context, Gpa arg) {
    return block_io(context, arg, false);
}

Result<HypercallOutcome> block_write(const HypercallContext& context, Gpa arg) {
    return block_io(context, arg, true);
}

struct Entry {
    const char* name;
    Handler handler;
};

constexpr Entry kHypercalls[TENOR_HVT_PIO_COUNT] = {
    {nullptr, nullptr},
    {"WALLTIME", walltime},
    {"PUTS", puts},
    {"YIELD", yield},
    {"HALT", halt},
    {"SET_FS_BASE", set_fs_base},
    {nullptr, nullptr},  // 6, 7: reserved (frames travel through rings)
    {nullptr, nullptr},
    {"BLOCK_WRITE", block_write},
    {"BLOCK_READ", block_read},
    {"NET_KICK", net_kick},
};

}  // namespace

const char* hypercall_name(unsigned nr) {
    if (nr < TENOR_HVT_PIO_COUNT && kHypercalls[nr].name)
        return kHypercalls[nr].name;
    return "unknown";
}

Result<HypercallOutcome> handle_hypercall(const HypercallContext& context, unsigned nr, Gpa arg) {
    if (nr >= TENOR_HVT_PIO_COUNT || !kHypercalls[nr].handler)
        return fail("unknown hypercall ", nr, " (port ", hex(TENOR_HVT_PIO_BASE + nr),
                    ", argument ", hex(arg.value()), "): the unikernel was built for another ABI "
                    "or is corrupt");
    auto outcome = kHypercalls[nr].handler(context, arg);
    if (!outcome)
        return fail("hypercall ", kHypercalls[nr].name, ": ", outcome.error().message);
    return outcome;
}

}  // namespace tenor::hvt
