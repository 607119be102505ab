/* start.c: solo5_app_main() for OCaml unikernels: TLS and canary, FPU, heap and argv, then the OCaml program. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <solo5.h>

#define CAML_NAME_SPACE
/* caml_do_exit() is internal: this file plays the part of the runtime's own main(). */
#define CAML_INTERNALS
#include <caml/callback.h>
#include <caml/sys.h>

#include "tenor_malloc.h"

/* The build driver links in the unikernel's name (argv[0]); a program linked by hand gets this one. */
extern const char tenor_ocaml_unikernel_name[] __attribute__((weak));

/* TLS blocks start on a cache line; tenor's TLS images need no more (the linker script's _tls_align). */
#define TLS_BLOCK_ALIGN 64
/* x86 MXCSR at reset: all SIMD float exceptions masked, round to nearest (Intel SDM Vol. 1, 10.2.3). */
#define MXCSR_DEFAULT 0x1f80

__attribute__((noreturn)) static void startup_failed(const char *reason)
{
    solo5_console_write("tenor: ", 7);
    solo5_console_write(reason, strlen(reason));
    solo5_console_write("\n", 1);
    solo5_abort();
}

/*
 * musl's float formatting computes in x87 long double, so the x87 unit must
 * be in its initial state (64-bit precision, exceptions masked); SSE code
 * needs the same from MXCSR.
 */
static void reset_fpu(void)
{
    unsigned int mxcsr = MXCSR_DEFAULT;
    __asm__ volatile("fninit");
    __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
}

/*
 * Code built for Linux (musl and Debian's C stubs) reads the stack
 * protector's canary at %fs:0x28: give the thread a TLS block, whose
 * control block holds the canary, carved from the start of the heap before
 * anything else uses it. Returns where the rest of the heap starts.
 */
static uintptr_t set_up_tls(uintptr_t heap_start, size_t heap_size)
{
    uintptr_t block = (heap_start + TLS_BLOCK_ALIGN - 1) & ~(uintptr_t)(TLS_BLOCK_ALIGN - 1);
    uintptr_t end = block + solo5_tls_size();
    if (end > heap_start + heap_size)
        startup_failed("the heap is too small for the TLS block: give the unikernel more memory (--mem)");
    if (solo5_tls_init(block) != SOLO5_R_OK || solo5_set_tls_base(solo5_tls_tp_offset(block)) != SOLO5_R_OK)
        startup_failed("setting up the TLS block failed");
    return end;
}

static bool is_space(char c)
{
    return c == ' ';
}

/* The command line split on spaces, after argv[0]; NULL-terminated. */
static char **make_argv(const char *cmdline)
{
    size_t count = 0;
    for (const char *p = cmdline; *p != '\0'; p++) {
        if (!is_space(*p) && (p == cmdline || is_space(p[-1])))
            count++;
    }
    char **argv = malloc((count + 2) * sizeof(char *));
    char *copy = malloc(strlen(cmdline) + 1);
    if (argv == NULL || copy == NULL)
        startup_failed("the heap is too small for the command line: give the unikernel more memory (--mem)");
    strcpy(copy, cmdline);
    const char *name = tenor_ocaml_unikernel_name;
    argv[0] = (char *)(name != NULL ? name : "unikernel");
    size_t n = 1;
    for (char *p = copy; *p != '\0'; p++) {
        if (is_space(*p))
            *p = '\0';
        else if (p == copy || p[-1] == '\0')
            argv[n++] = p;
    }
    argv[n] = NULL;
    return argv;
}

int solo5_app_main(const struct solo5_start_info *info)
{
    reset_fpu();
    uintptr_t heap_start = set_up_tls(info->heap_start, info->heap_size);
    size_t heap_size = info->heap_size - (heap_start - info->heap_start);
    if (!tenor_malloc_init(heap_start, heap_size))
        startup_failed("the heap is too small to hold any block: give the unikernel more memory (--mem)");
    char **argv = make_argv(info->cmdline);
    /* Runs the program; an uncaught exception ends in exit(2) as on Linux. */
    caml_startup(argv);
    caml_do_exit(0);
}
