// block.h: a block device backed by a host file or block device.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "fd.h"
#include "result.h"

namespace tenor {

class BlockDevice {
public:
    // Opens path read-write for the device called name. The sector size must
    // be a power of two from 512 to 32768 (the manifest stores it in 16 bits)
    // and the image a non-zero multiple of it.
    static Result<BlockDevice> open(const std::string& name, const std::string& path,
                                    uint64_t sector_size);

    const std::string& name() const { return name_; }
    uint64_t capacity() const { return capacity_; }
    uint64_t sector_size() const { return sector_size_; }
    int fd() const { return fd_.get(); }

    // True if a request of len bytes at offset is aligned, non-empty, at most
    // max_len and inside the device (overflow-checked).
    bool valid_request(uint64_t offset, uint64_t len, uint64_t max_len) const;

    // Transfers exactly buf.size() bytes at offset, retrying short
    // transfers; the request must be valid_request(). A write whose range
    // the file system has no room for fails before writing anything.
    Result<void> read(uint64_t offset, std::span<uint8_t> buf) const;
    Result<void> write(uint64_t offset, std::span<const uint8_t> buf) const;

private:
    BlockDevice(std::string name, UniqueFd fd, uint64_t capacity, uint64_t sector_size)
        : name_(std::move(name)), fd_(std::move(fd)), capacity_(capacity), sector_size_(sector_size) {}

    std::string name_;
    UniqueFd fd_;
    uint64_t capacity_;
    uint64_t sector_size_;
};

}  // namespace tenor
