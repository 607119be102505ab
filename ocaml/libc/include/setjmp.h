/* setjmp.h: setjmp and longjmp (musl's), with musl's jmp_buf size. */
#ifndef TENOR_LIBC_SETJMP_H
#define TENOR_LIBC_SETJMP_H

#include "_decl.h"

/* musl saves 8 registers in the first words; the rest of its layout (a
   signal mask) is kept so the size matches what musl's code assumes. */
typedef struct tenor_jmp_buf {
    unsigned long registers[8];
    unsigned long mask_saved;
    unsigned long mask[16];
} jmp_buf[1];

TENOR_BEGIN_DECLS
int setjmp(jmp_buf env) __attribute__((returns_twice));
TENOR_NORETURN void longjmp(jmp_buf env, int value);
TENOR_END_DECLS

#endif
