// syscall.h: Linux system calls from the spt bindings, made with the `syscall` instruction (no
// libc); the seccomp filter allows only those of tenor/spt_abi.h, with their arguments pinned.
#ifndef TENOR_BINDINGS_SPT_SYSCALL_H
#define TENOR_BINDINGS_SPT_SYSCALL_H

#include <stdint.h>

#include "tenor/spt_abi.h"

namespace tenor::bindings::spt {

// errno values the bindings look at (include/uapi/asm-generic/errno-base.h).
constexpr long kEintr = 4;
constexpr long kEagain = 11;
constexpr long kEnospc = 28;
constexpr long kEdquot = 122;

// Returns the kernel's result: a value, or -errno. x86_64 convention
// (arch/x86/entry/entry_64.S): number in rax, arguments in rdi, rsi, rdx,
// r10; the instruction clobbers rcx and r11. The memory clobber covers the
// buffers the kernel reads and writes.
[[gnu::always_inline]] inline long syscall4(long nr, uint64_t a0, uint64_t a1 = 0, uint64_t a2 = 0,
        uint64_t a3 = 0) {
    long ret;
    register uint64_t r10 asm("r10") = a3;
    asm volatile("syscall"
            : "=a"(ret)
            : "a"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10)
            : "rcx", "r11", "memory");
    return ret;
}

// struct timespec and struct pollfd as the x86_64 kernel lays them out.
struct KernelTimespec {
    int64_t tv_sec;
    int64_t tv_nsec;
};

struct KernelPollfd {
    int32_t fd;
    int16_t events;
    int16_t revents;
};
constexpr int16_t kPollIn = 0x1;

}  // namespace tenor::bindings::spt

#endif
