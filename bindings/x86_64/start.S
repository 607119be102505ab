/* start.S: the entry point of every x86_64 target, from the monitor's initial state to the target's C++ start-up. */

/*
 * The monitor enters here with %rdi = the boot info address and %rsp = the
 * top of the stack. Clearing %rbp ends frame-pointer walks (debuggers, core
 * dumps) here; the stack is aligned to 16 bytes before the call as the
 * System V x86_64 ABI requires. Each target defines tenor_target_start in
 * its start.cc.
 */
    .text
    .globl _start
    .type _start, @function
_start:
    xorl %ebp, %ebp
    andq $-16, %rsp
    call tenor_target_start
    /* tenor_target_start never returns; trap if it ever does. */
    ud2
    .size _start, . - _start

/* The stack is not executable (and the linker must not warn that it is). */
    .section .note.GNU-stack, "", @progbits
