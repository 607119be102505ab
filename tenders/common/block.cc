// block.cc: opening block images with clear errors, and exact-size I/O.
#include "block.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "format.h"

namespace tenor {

namespace {

bool power_of_two(uint64_t v) { return v && !(v & (v - 1)); }

Result<uint64_t> image_size(int fd, const std::string& what) {
    struct stat st;
    if (fstat(fd, &st) < 0)
        return fail(what, ": cannot stat: ", errno_text());
    if (S_ISREG(st.st_mode))
        return static_cast<uint64_t>(st.st_size);
    if (S_ISBLK(st.st_mode)) {
        uint64_t size = 0;
        if (ioctl(fd, BLKGETSIZE64, &size) < 0)
            return fail(what, ": cannot read the block device's size: ", errno_text());
        return size;
    }
    return fail(what, " is neither a regular file nor a block device: give a disk image");
}

// How to make path writable, for each reason open(O_RDWR) gives; root
// bypasses file modes, so EROFS and EPERM need hints of their own.
std::string writable_hint(int err, const std::string& path) {
    if (err == EROFS)
        return "copy the image to a writable file system, or remount its file system read-write";
    if (err == EPERM)
        return "clear the file's immutable or append-only attribute (lsattr " + path +
               "; chattr -i -a " + path + ") or give a copy";
    return "make the image writable (chmod u+w " + path + ") or give a copy";
}

}  // namespace

Result<BlockDevice> BlockDevice::open(const std::string& name, const std::string& path,
                                      uint64_t sector_size) {
    std::string what = "block device '" + name + "' (" + path + ")";
    if (!power_of_two(sector_size) || sector_size < 512 || sector_size > 32768)
        return fail("invalid sector size ", sector_size, " for block device '", name,
                    "': use a power of two from 512 to 32768 (--block-sector-size:", name, "=4096)");
    UniqueFd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
    if (!fd.valid()) {
        int err = errno;
        if (err == EACCES || err == EROFS || err == EPERM)
            return fail(what, " cannot be opened read-write (", errno_text(err),
                        "): the unikernel may write to its disk, so ", writable_hint(err, path));
        if (err == ENOENT)
            return fail(what, " does not exist: create an image first, e.g. truncate -s 64M ", path);
        return fail(what, " cannot be opened: ", errno_text(err));
    }
    uint64_t capacity = TRY(image_size(fd.get(), what));
    if (capacity == 0)
        return fail(what, " is empty: give an image of at least one sector (truncate -s 1M ", path, ")");
    if (capacity % sector_size != 0)
        return fail(what, " is ", capacity, " bytes, not a multiple of the sector size ", sector_size,
                    ": resize it (truncate -s) to a whole number of sectors");
    return BlockDevice(name, std::move(fd), capacity, sector_size);
}

bool BlockDevice::valid_request(uint64_t offset, uint64_t len, uint64_t max_len) const {
    return len > 0 && len <= max_len && offset % sector_size_ == 0 && len % sector_size_ == 0 &&
           offset <= capacity_ && len <= capacity_ - offset;
}

Result<void> BlockDevice::read(uint64_t offset, std::span<uint8_t> buf) const {
    size_t done = 0;
    while (done < buf.size()) {
        ssize_t n = pread(fd_.get(), buf.data() + done, buf.size() - done,
                          static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail("block device '", name_, "': read of ", buf.size(), " bytes at ", offset,
                        " failed: ", errno_text());
        if (n == 0)
            return fail("block device '", name_, "': the image shrank below offset ", offset + done);
        done += static_cast<size_t>(n);
    }
    return Ok{};
}

Result<void> BlockDevice::write(uint64_t offset, std::span<const uint8_t> buf) const {
    // Writes are all or nothing (Solo5 API): reserving the range first makes a
    // full file system refuse the request before a byte of it is written.
    // Where fallocate is not supported (block devices, some file systems) the
    // write goes ahead and only an I/O error can cut it short.
    if (fallocate(fd_.get(), FALLOC_FL_KEEP_SIZE, static_cast<off_t>(offset),
                  static_cast<off_t>(buf.size())) < 0 &&
        (errno == ENOSPC || errno == EDQUOT))
        return fail("block device '", name_, "': write of ", buf.size(), " bytes at ", offset,
                    " failed: ", errno_text(), " (nothing was written)");
    size_t done = 0;
    while (done < buf.size()) {
        ssize_t n = pwrite(fd_.get(), buf.data() + done, buf.size() - done,
                           static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail("block device '", name_, "': write of ", buf.size(), " bytes at ", offset,
                        " failed: ", n < 0 ? errno_text() : std::string("no progress"));
        done += static_cast<size_t>(n);
    }
    return Ok{};
}

}  // namespace tenor
