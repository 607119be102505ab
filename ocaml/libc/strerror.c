/* strerror.c: the messages of the error numbers in <errno.h> (musl's strerror reads locale data this libc lacks). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct error_message {
    int number;
    const char *text;
};

static const struct error_message messages[] = {
    {0, "No error information"},
    {EPERM, "Operation not permitted"},
    {ENOENT, "No such file or directory"},
    {ESRCH, "No such process"},
    {EINTR, "Interrupted system call"},
    {EIO, "I/O error"},
    {ENXIO, "No such device or address"},
    {E2BIG, "Argument list too long"},
    {ENOEXEC, "Exec format error"},
    {EBADF, "Bad file descriptor"},
    {ECHILD, "No child process"},
    {EAGAIN, "Resource temporarily unavailable"},
    {ENOMEM, "Out of memory"},
    {EACCES, "Permission denied"},
    {EFAULT, "Bad address"},
    {EBUSY, "Resource busy"},
    {EEXIST, "File exists"},
    {EXDEV, "Cross-device link"},
    {ENODEV, "No such device"},
    {ENOTDIR, "Not a directory"},
    {EISDIR, "Is a directory"},
    {EINVAL, "Invalid argument"},
    {ENFILE, "Too many open files in system"},
    {EMFILE, "No file descriptors available"},
    {ENOTTY, "Not a tty"},
    {EFBIG, "File too large"},
    {ENOSPC, "No space left on device"},
    {ESPIPE, "Invalid seek"},
    {EROFS, "Read-only file system"},
    {EMLINK, "Too many links"},
    {EPIPE, "Broken pipe"},
    {EDOM, "Domain error"},
    {ERANGE, "Result not representable"},
    {EDEADLK, "Resource deadlock would occur"},
    {ENAMETOOLONG, "Filename too long"},
    {ENOLCK, "No locks available"},
    {ENOSYS, "Function not implemented"},
    {ENOTEMPTY, "Directory not empty"},
    {ELOOP, "Symbolic link loop"},
    {EOVERFLOW, "Value too large for data type"},
    {EILSEQ, "Illegal byte sequence"},
    {ENOTSUP, "Not supported"},
    {ETIMEDOUT, "Operation timed out"},
};

char *strerror(int error)
{
    for (size_t i = 0; i < sizeof(messages) / sizeof(messages[0]); i++) {
        if (messages[i].number == error)
            return (char *)messages[i].text;
    }
    static char unknown[32];
    snprintf(unknown, sizeof(unknown), "Unknown error %d", error);
    return unknown;
}
