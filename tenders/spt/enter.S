/* enter.S: the jump from the monitor into the guest, once the seccomp filter is in place. */

/*
 * void tenor_spt_enter(uint64_t entry, uint64_t stack_top, uint64_t boot_info, uint64_t fsgsbase)
 *
 * Never returns. Sets the FS base to 0 (so that %fs accesses fault until
 * the guest sets up TLS, as on hvt), switches to the guest's stack, clears
 * every general register but %rdi (the boot info) and %rsp, and jumps to
 * the entry point. The monitor's own stack is never used again.
 */
    .text
    .globl tenor_spt_enter
    .type tenor_spt_enter, @function
tenor_spt_enter:
    movq %rdi, guest_entry(%rip)
    movq %rsi, %rsp
    movq %rdx, %rbx
    testq %rcx, %rcx
    jz 1f
    xorl %eax, %eax
    wrfsbase %rax
    jmp 2f
1:
    /* arch_prctl(ARCH_SET_FS, 0): the filter allows it on such hosts. */
    movl $158, %eax
    movl $0x1002, %edi
    xorl %esi, %esi
    syscall
2:
    movq %rbx, %rdi
    xorl %eax, %eax
    xorl %ebx, %ebx
    xorl %ecx, %ecx
    xorl %edx, %edx
    xorl %esi, %esi
    xorl %ebp, %ebp
    xorl %r8d, %r8d
    xorl %r9d, %r9d
    xorl %r10d, %r10d
    xorl %r11d, %r11d
    xorl %r12d, %r12d
    xorl %r13d, %r13d
    xorl %r14d, %r14d
    xorl %r15d, %r15d
    jmp *guest_entry(%rip)
    .size tenor_spt_enter, . - tenor_spt_enter

    .bss
    .balign 8
guest_entry:
    .quad 0

/* The stack is not executable (and the linker must not warn that it is). */
    .section .note.GNU-stack, "", @progbits
