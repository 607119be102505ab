/* unistd.h: POSIX I/O and process calls; only writes to fds 1 and 2 (the console) succeed. */
#ifndef TENOR_LIBC_UNISTD_H
#define TENOR_LIBC_UNISTD_H

#include "_decl.h"
#include "sys/types.h"

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

TENOR_BEGIN_DECLS
ssize_t read(int fd, void *buf, size_t size);
ssize_t write(int fd, const void *buf, size_t size);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int isatty(int fd);
int unlink(const char *path);
int rmdir(const char *path);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);
ssize_t readlink(const char *path, char *buf, size_t size);
int access(const char *path, int mode);
int ftruncate(int fd, off_t length);
int fsync(int fd);
int dup(int fd);
int dup2(int from, int to);
pid_t getpid(void);
pid_t getppid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
unsigned int sleep(unsigned int seconds);
int usleep(unsigned long microseconds);
long sysconf(int name);
TENOR_NORETURN void _exit(int status);
TENOR_END_DECLS

#define _SC_PAGESIZE 30
#define _SC_PAGE_SIZE _SC_PAGESIZE

#endif
