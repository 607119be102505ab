// raw_syscall.h: Linux system calls made with the `syscall` instruction itself, for code that
// runs when libc cannot be trusted: under the guest's FS base, or in a signal handler.
#pragma once

#include <cstdint>

namespace tenor::spt {

// Returns the kernel's result: a value, or a negative errno. The x86_64
// convention (arch/x86/entry/entry_64.S): number in rax, arguments in rdi,
// rsi, rdx, r10, r8; the instruction clobbers rcx and r11.
inline long raw_syscall(long nr, uint64_t a0 = 0, uint64_t a1 = 0, uint64_t a2 = 0,
                        uint64_t a3 = 0, uint64_t a4 = 0) {
    long ret;
    register uint64_t r10 asm("r10") = a3;
    register uint64_t r8 asm("r8") = a4;
    asm volatile("syscall"
                 : "=a"(ret)
                 : "a"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10), "r"(r8)
                 : "rcx", "r11", "memory");
    return ret;
}

}  // namespace tenor::spt
