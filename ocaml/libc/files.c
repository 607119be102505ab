/* files.c: file descriptors and the file system: fds 0-2 are the console, every other file call fails with ENOSYS. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <solo5.h>

#include "console.h"

/* A unikernel has no file system: a call that would need one says so with ENOSYS. */
static int no_file_system(void)
{
    errno = ENOSYS;
    return -1;
}

static int bad_fd(void)
{
    errno = EBADF;
    return -1;
}

static bool standard_fd(int fd)
{
    return fd >= 0 && fd <= 2;
}

ssize_t read(int fd, void *buf, size_t size)
{
    (void)buf;
    (void)size;
    /* There is no console input: stdin is at end of file. */
    if (fd == 0)
        return 0;
    return standard_fd(fd) ? 0 : bad_fd();
}

ssize_t write(int fd, const void *buf, size_t size)
{
    if (!tenor_console_fd(fd))
        return bad_fd();
    solo5_console_write(buf, size);
    return (ssize_t)size;
}

int close(int fd)
{
    return standard_fd(fd) ? 0 : bad_fd();
}

off_t lseek(int fd, off_t offset, int whence)
{
    (void)offset;
    (void)whence;
    if (!standard_fd(fd))
        return bad_fd();
    errno = ESPIPE;
    return -1;
}

int isatty(int fd)
{
    errno = standard_fd(fd) ? ENOTTY : EBADF;
    return 0;
}

int fstat(int fd, struct stat *out)
{
    if (!standard_fd(fd))
        return bad_fd();
    memset(out, 0, sizeof(*out));
    out->st_mode = S_IFCHR | 0600;
    return 0;
}

int open(const char *path, int flags, ...)
{
    (void)path;
    (void)flags;
    return no_file_system();
}

int fcntl(int fd, int command, ...)
{
    (void)command;
    return standard_fd(fd) ? no_file_system() : bad_fd();
}

int ioctl(int fd, unsigned long request, ...)
{
    (void)request;
    return standard_fd(fd) ? no_file_system() : bad_fd();
}

int dup(int fd)
{
    return standard_fd(fd) ? no_file_system() : bad_fd();
}

int dup2(int from, int to)
{
    (void)to;
    return standard_fd(from) ? no_file_system() : bad_fd();
}

int fsync(int fd)
{
    return standard_fd(fd) ? 0 : bad_fd();
}

int ftruncate(int fd, off_t length)
{
    (void)length;
    return standard_fd(fd) ? no_file_system() : bad_fd();
}

int stat(const char *path, struct stat *out)
{
    (void)path;
    (void)out;
    return no_file_system();
}

int lstat(const char *path, struct stat *out)
{
    (void)path;
    (void)out;
    return no_file_system();
}

int access(const char *path, int mode)
{
    (void)path;
    (void)mode;
    return no_file_system();
}

int mkdir(const char *path, mode_t mode)
{
    (void)path;
    (void)mode;
    return no_file_system();
}

int chmod(const char *path, mode_t mode)
{
    (void)path;
    (void)mode;
    return no_file_system();
}

mode_t umask(mode_t mask)
{
    (void)mask;
    return 022;
}

int unlink(const char *path)
{
    (void)path;
    return no_file_system();
}

int rmdir(const char *path)
{
    (void)path;
    return no_file_system();
}

int rename(const char *from, const char *to)
{
    (void)from;
    (void)to;
    return no_file_system();
}

int remove(const char *path)
{
    (void)path;
    return no_file_system();
}

int chdir(const char *path)
{
    (void)path;
    return no_file_system();
}

char *getcwd(char *buf, size_t size)
{
    (void)buf;
    (void)size;
    no_file_system();
    return NULL;
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
    (void)path;
    (void)buf;
    (void)size;
    return no_file_system();
}

DIR *opendir(const char *path)
{
    (void)path;
    no_file_system();
    return NULL;
}

struct dirent *readdir(DIR *dir)
{
    (void)dir;
    bad_fd();
    return NULL;
}

int closedir(DIR *dir)
{
    (void)dir;
    return bad_fd();
}

pid_t waitpid(pid_t pid, int *status, int options)
{
    (void)pid;
    (void)status;
    (void)options;
    errno = ECHILD;
    return -1;
}
