/* sys/wait.h: waiting for child processes, which a unikernel never has: waitpid() fails with ECHILD. */
#ifndef TENOR_LIBC_SYS_WAIT_H
#define TENOR_LIBC_SYS_WAIT_H

#include "../_decl.h"
#include "types.h"

#define WEXITSTATUS(status) (((status) >> 8) & 0xff)
#define WIFEXITED(status) (((status) & 0x7f) == 0)

TENOR_BEGIN_DECLS
pid_t waitpid(pid_t pid, int *status, int options);
TENOR_END_DECLS

#endif
