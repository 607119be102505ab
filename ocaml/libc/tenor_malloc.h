/* tenor_malloc.h: how the start-up code and the OCaml statistics stub reach the heap behind malloc(). */
#ifndef TENOR_LIBC_MALLOC_H
#define TENOR_LIBC_MALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tenor_alloc.h"

/* Hands [start, start + size) to malloc(); false if it cannot hold a block. */
bool tenor_malloc_init(uintptr_t start, size_t size);

/* The heap's statistics (tenor_alloc.h says what each field counts). */
void tenor_malloc_stats(struct tenor_heap_stats *out);

/* NULL if the heap's invariants hold, else what is broken. */
const char *tenor_malloc_check(void);

#endif
