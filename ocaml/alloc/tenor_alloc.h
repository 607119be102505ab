/* tenor_alloc.h: a boundary-tag memory allocator with segregated free lists over one fixed region. */
#ifndef TENOR_ALLOC_H
#define TENOR_ALLOC_H

/*
 * The allocator manages one contiguous region (a unikernel's heap from
 * solo5_start_info). It has no global state: every function takes the heap
 * it works on, so the same code runs in the guest (ocaml/libc/malloc.c) and
 * in the host's unit tests. It is not thread-safe; a unikernel has one
 * thread.
 *
 * Blocks are 16-byte aligned. Free chunks sit in size-class bins: exact bins
 * for every size below 1 KiB, and four bins per power of two above. Freeing
 * merges a chunk with its free neighbours at once, so no two free chunks are
 * ever adjacent.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TENOR_ALLOC_ALIGNMENT 16
#define TENOR_ALLOC_BINS 256

struct tenor_alloc_chunk;

/* The heap's bookkeeping; callers MUST treat it as opaque and use only the functions below. */
struct tenor_heap {
    uintptr_t first;  /* the first chunk */
    uintptr_t last;   /* the end marker: a zero-sized chunk that is always in use */
    size_t region_size;
    size_t in_use_bytes;
    size_t free_bytes;
    size_t live_blocks;
    size_t free_blocks;
    size_t peak_in_use_bytes;
    size_t failed_allocations;
    uint64_t bitmap[TENOR_ALLOC_BINS / 64];
    struct tenor_alloc_chunk *bins[TENOR_ALLOC_BINS];
};

/*
 * What the heap holds, in bytes. in_use_bytes and free_bytes count whole
 * chunks (an 8-byte header plus padding to 16 bytes), so in_use_bytes +
 * free_bytes + overhead_bytes == region_size at all times.
 */
struct tenor_heap_stats {
    size_t region_size;        /* the size given to tenor_heap_init() */
    size_t in_use_bytes;       /* in allocated chunks */
    size_t free_bytes;         /* in free chunks */
    size_t overhead_bytes;     /* alignment and the end marker: never allocatable */
    size_t live_blocks;        /* allocated and not yet freed */
    size_t free_blocks;        /* free chunks (1 for an empty heap) */
    size_t largest_free_bytes; /* the largest free chunk */
    size_t peak_in_use_bytes;  /* the highest in_use_bytes seen */
    size_t failed_allocations; /* requests that returned NULL */
};

enum tenor_heap_result {
    TENOR_HEAP_OK = 0,
    /* The pointer is not a live block of this heap (never allocated, freed twice, corrupted). */
    TENOR_HEAP_INVALID_POINTER,
};

/*
 * Takes over [base, base + size) as an empty heap. Returns false if the
 * region is too small to hold one block.
 */
bool tenor_heap_init(struct tenor_heap *heap, void *base, size_t size);

/* A block of at least size bytes, 16-byte aligned, or NULL if the heap cannot hold it. */
void *tenor_heap_alloc(struct tenor_heap *heap, size_t size);

/*
 * A block of at least size bytes at a multiple of alignment, which MUST be
 * a power of two; NULL if the heap cannot hold it.
 */
void *tenor_heap_alloc_aligned(struct tenor_heap *heap, size_t alignment, size_t size);

/*
 * Resizes the live block ptr to at least size bytes, in place when the
 * block or its free neighbour is large enough, else by moving it. *out is
 * the block (ptr itself when resized in place), or NULL when the heap cannot
 * hold the new size: ptr is then left unchanged. A NULL ptr allocates.
 */
enum tenor_heap_result tenor_heap_realloc(struct tenor_heap *heap, void *ptr, size_t size,
        void **out);

/* Frees the live block ptr; a NULL ptr does nothing. */
enum tenor_heap_result tenor_heap_free(struct tenor_heap *heap, void *ptr);

/* Whether ptr is a live block of this heap. */
bool tenor_heap_is_live(const struct tenor_heap *heap, const void *ptr);

/* The usable size of the live block ptr (at least what was asked for). */
size_t tenor_heap_usable_size(const struct tenor_heap *heap, const void *ptr);

void tenor_heap_get_stats(const struct tenor_heap *heap, struct tenor_heap_stats *out);

/*
 * Walks every chunk and every bin and checks the heap's invariants. Returns
 * NULL if the heap is consistent, else a sentence naming the first broken
 * invariant.
 */
const char *tenor_heap_check(const struct tenor_heap *heap);

#ifdef __cplusplus
}
#endif

#endif
