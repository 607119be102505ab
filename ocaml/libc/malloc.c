/* malloc.c: malloc() and friends over tenor_alloc, on the heap from solo5_start_info. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tenor_malloc.h"
#include "tenor_alloc.h"

static struct tenor_heap heap;

bool tenor_malloc_init(uintptr_t start, size_t size)
{
    return tenor_heap_init(&heap, (void *)start, size);
}

void tenor_malloc_stats(struct tenor_heap_stats *out)
{
    tenor_heap_get_stats(&heap, out);
}

const char *tenor_malloc_check(void)
{
    return tenor_heap_check(&heap);
}

/* Freeing what malloc() did not return is memory corruption: stop before it spreads. */
__attribute__((noreturn)) static void invalid_pointer(const char *function, const void *ptr)
{
    fprintf(stderr,
            "tenor: %s() called with %p, which is not a live block from malloc(): "
            "a double free or a corrupted pointer in C code\n",
            function, ptr);
    abort();
}

static void *out_of_memory(void)
{
    errno = ENOMEM;
    return NULL;
}

void *malloc(size_t size)
{
    void *block = tenor_heap_alloc(&heap, size);
    return block != NULL ? block : out_of_memory();
}

void *calloc(size_t count, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(count, size, &total))
        return out_of_memory();
    void *block = malloc(total);
    if (block != NULL)
        memset(block, 0, total);
    return block;
}

void *realloc(void *ptr, size_t size)
{
    void *block;
    if (tenor_heap_realloc(&heap, ptr, size, &block) != TENOR_HEAP_OK)
        invalid_pointer("realloc", ptr);
    return block != NULL ? block : out_of_memory();
}

void free(void *ptr)
{
    if (tenor_heap_free(&heap, ptr) != TENOR_HEAP_OK)
        invalid_pointer("free", ptr);
}

int posix_memalign(void **out, size_t alignment, size_t size)
{
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0)
        return EINVAL;
    void *block = tenor_heap_alloc_aligned(&heap, alignment, size);
    if (block == NULL)
        return ENOMEM;
    *out = block;
    return 0;
}

void *aligned_alloc(size_t alignment, size_t size)
{
    if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
        errno = EINVAL;
        return NULL;
    }
    void *block = tenor_heap_alloc_aligned(&heap, alignment, size);
    return block != NULL ? block : out_of_memory();
}

void *memalign(size_t alignment, size_t size)
{
    return aligned_alloc(alignment, size);
}

size_t malloc_usable_size(void *ptr)
{
    return ptr != NULL ? tenor_heap_usable_size(&heap, ptr) : 0;
}
