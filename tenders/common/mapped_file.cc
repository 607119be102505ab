// mapped_file.cc: maps a unikernel image, with errors that name the file.
#include "mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>

#include "fd.h"
#include "format.h"

namespace tenor {

Result<MappedFile> MappedFile::open(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid())
        return fail("cannot open unikernel '", path, "': ", errno_text());
    struct stat st;
    if (fstat(fd.get(), &st) < 0)
        return fail("cannot stat unikernel '", path, "': ", errno_text());
    if (!S_ISREG(st.st_mode))
        return fail("unikernel '", path, "' is not a regular file");
    if (st.st_size == 0)
        return fail("unikernel '", path, "' is empty: rebuild it");
    void* data = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (data == MAP_FAILED)
        return fail("cannot map unikernel '", path, "': ", errno_text());
    return MappedFile(static_cast<const uint8_t*>(data), static_cast<size_t>(st.st_size));
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile::~MappedFile() {
    if (data_)
        munmap(const_cast<uint8_t*>(data_), size_);
}

}  // namespace tenor
