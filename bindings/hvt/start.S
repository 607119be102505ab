/* start.S: the hvt entry point, from the monitor's initial state to the C++ start-up. */

/*
 * The monitor enters here at CPL3 with %rdi = the boot info address and
 * %rsp = the top of the stack. Clearing %rbp ends frame-pointer walks
 * (debuggers, core dumps) here; the stack is aligned to 16 bytes before the
 * call as the System V x86_64 ABI requires.
 */
    .text
    .globl _start
    .type _start, @function
_start:
    xorl %ebp, %ebp
    andq $-16, %rsp
    call tenor_hvt_start
    /* tenor_hvt_start never returns; trap if it ever does. */
    ud2
    .size _start, . - _start

/* The stack is not executable (and the linker must not warn that it is). */
    .section .note.GNU-stack, "", @progbits
