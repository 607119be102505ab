// output_file.cc: whole-file reads, and writes through a temporary file and rename(2).
#include "output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "common/fd.h"
#include "common/format.h"

namespace tenor::elftool {
namespace {

Result<void> write_all(int fd, std::string_view contents, const std::string& path) {
    while (!contents.empty()) {
        ssize_t written = ::write(fd, contents.data(), contents.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0)
            return fail("cannot write ", path, ": ", errno_text(), ": check the free space");
        contents.remove_prefix(static_cast<size_t>(written));
    }
    return Ok{};
}

// mkstemp(3) creates files readable by the owner only; give the output the
// permissions an ordinary open(2) would, so that builds can share it. The
// umask can only be read by setting it, which is safe in this single-threaded
// tool.
Result<void> set_default_mode(int fd, const std::string& path) {
    mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, 0666 & ~mask) != 0)
        return fail("cannot set the permissions of ", path, ": ", errno_text());
    return Ok{};
}

Result<void> fill_and_rename(UniqueFd fd, const std::string& temp, const std::string& path,
                             std::string_view contents) {
    TRY_VOID(write_all(fd.get(), contents, temp));
    TRY_VOID(set_default_mode(fd.get(), temp));
    // Delayed write errors surface at fsync(2); UniqueFd's close cannot report them.
    if (::fsync(fd.get()) != 0)
        return fail("cannot write ", temp, ": ", errno_text(), ": check the free space");
    fd.reset();
    if (::rename(temp.c_str(), path.c_str()) != 0)
        return fail("cannot rename ", temp, " to ", path, ": ", errno_text(),
                    ": check that ", path, " is not a directory");
    return Ok{};
}

}  // namespace

Result<void> write_file_atomically(const std::string& path, std::string_view contents) {
    std::string temp = path + ".tmp.XXXXXX";
    std::vector<char> name(temp.begin(), temp.end());
    name.push_back('\0');
    UniqueFd fd(::mkstemp(name.data()));
    if (!fd.valid())
        return fail("cannot create ", temp, ": ", errno_text(),
                    ": check that the directory of ", path, " exists and is writable");
    temp = name.data();
    auto written = fill_and_rename(std::move(fd), temp, path, contents);
    if (!written)
        ::unlink(temp.c_str());
    return written;
}

Result<std::string> read_whole_file(const std::string& path, size_t max_bytes) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid())
        return fail("cannot open ", path, ": ", errno_text(), ": check the path");
    std::string contents;
    char buffer[65536];
    for (;;) {
        ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fail("cannot read ", path, ": ", errno_text());
        if (got == 0)
            return contents;
        contents.append(buffer, static_cast<size_t>(got));
        if (contents.size() > max_bytes)
            return fail(path, " is larger than ", max_bytes, " bytes: check the path");
    }
}

}  // namespace tenor::elftool
