/* fcntl.h: open() flags (Linux's values) and open(), which always fails with ENOSYS. */
#ifndef TENOR_LIBC_FCNTL_H
#define TENOR_LIBC_FCNTL_H

#include "_decl.h"
#include "sys/types.h"

#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_ACCMODE 03
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DSYNC 010000
#define O_SYNC 04010000
#define O_CLOEXEC 02000000

#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define FD_CLOEXEC 1

TENOR_BEGIN_DECLS
int open(const char *path, int flags, ...);
int fcntl(int fd, int command, ...);
TENOR_END_DECLS

#endif
