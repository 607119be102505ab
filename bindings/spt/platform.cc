// platform.cc: what the common bindings need from spt: console, exit and block I/O, each a
// system call the seccomp filter allows.
#include "block_chunk.h"
#include "common/bindings.h"
#include "syscall.h"

using namespace tenor::bindings::spt;

namespace tenor::bindings {

namespace {

constexpr uint64_t kConsoleFd = 1;

// The descriptor the monitor attached for a device (Solo5's spt keeps it there too).
uint64_t host_fd(const struct mft_entry &entry) {
    return static_cast<uint64_t>(entry.b.hostfd);
}

// Moves size bytes in chunks the filter allows; a short transfer (the image
// shrank under the guest, say) cannot be finished with an allowed length.
solo5_result_t block_io(long nr, const struct mft_entry &entry, solo5_off_t offset, uintptr_t buf,
        size_t size) {
    uint64_t block_size = entry.u.block_basic.block_size;
    size_t done = 0;
    while (done < size) {
        uint64_t len = block_chunk(size - done, block_size, TENOR_SPT_BLOCK_IO_MAX);
        long n = syscall4(nr, host_fd(entry), buf + done, len, offset + done);
        if (n == -kEintr)
            continue;
        if (n != static_cast<long>(len))
            return SOLO5_R_EUNSPEC;
        done += len;
    }
    return SOLO5_R_OK;
}

// Writes are all or nothing (Solo5 API): every chunk's range is reserved
// first, so that a full host file system refuses the write before a byte
// of it lands. Where the host cannot reserve (block devices, some file
// systems) the write goes ahead, as tenor-hvt's does.
bool reserve(const struct mft_entry &entry, solo5_off_t offset, size_t size) {
    uint64_t block_size = entry.u.block_basic.block_size;
    size_t done = 0;
    while (done < size) {
        uint64_t len = block_chunk(size - done, block_size, TENOR_SPT_BLOCK_IO_MAX);
        long rc = syscall4(TENOR_SPT_SYS_FALLOCATE, host_fd(entry), TENOR_SPT_FALLOC_FL_KEEP_SIZE,
                offset + done, len);
        if (rc == -kEintr)
            continue;
        if (rc == -kEnospc || rc == -kEdquot)
            return false;
        done += len;
    }
    return true;
}

}  // namespace

void platform_console_write(const char *buf, size_t size) {
    size_t done = 0;
    // Best effort: a console that fails is not worth stopping the unikernel for.
    while (done < size) {
        long n = syscall4(TENOR_SPT_SYS_WRITE, kConsoleFd, reinterpret_cast<uintptr_t>(buf + done),
                size - done);
        if (n == -kEintr)
            continue;
        if (n <= 0)
            break;
        done += static_cast<size_t>(n);
    }
}

void platform_exit(int status) {
    // exit_group does not return; should it ever, try again.
    for (;;)
        syscall4(TENOR_SPT_SYS_EXIT_GROUP, static_cast<uint64_t>(status));
}

size_t platform_block_io_max() {
    return TENOR_SPT_BLOCK_IO_MAX;
}

solo5_result_t platform_block_write(solo5_handle_t handle, solo5_off_t offset, const uint8_t *buf,
        size_t size) {
    const struct mft_entry &entry = acquired_device(handle, MFT_DEV_BLOCK_BASIC, "solo5_block_write");
    if (!reserve(entry, offset, size))
        return SOLO5_R_EUNSPEC;
    return block_io(TENOR_SPT_SYS_PWRITE64, entry, offset, reinterpret_cast<uintptr_t>(buf), size);
}

solo5_result_t platform_block_read(solo5_handle_t handle, solo5_off_t offset, uint8_t *buf,
        size_t size) {
    const struct mft_entry &entry = acquired_device(handle, MFT_DEV_BLOCK_BASIC, "solo5_block_read");
    return block_io(TENOR_SPT_SYS_PREAD64, entry, offset, reinterpret_cast<uintptr_t>(buf), size);
}

}  // namespace tenor::bindings
