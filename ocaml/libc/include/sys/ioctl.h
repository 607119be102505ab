/* sys/ioctl.h: ioctl(), which always fails with ENOSYS (no terminal request constants are defined). */
#ifndef TENOR_LIBC_SYS_IOCTL_H
#define TENOR_LIBC_SYS_IOCTL_H

#include "../_decl.h"

TENOR_BEGIN_DECLS
int ioctl(int fd, unsigned long request, ...);
TENOR_END_DECLS

#endif
