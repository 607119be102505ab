/* tenor_alloc.c: the boundary-tag allocator of tenor_alloc.h (segregated fits, immediate coalescing). */
#include "tenor_alloc.h"

#include <string.h>

/*
 * A chunk starts 8 bytes before the block it holds, so that blocks are
 * 16-byte aligned while chunks start at 8 modulo 16. Its first word is the
 * header: the chunk's size (a multiple of 16) with two flags in the low bits.
 * A free chunk also holds its bin's list links and, in its last word, a copy
 * of its size (the footer), which lets the chunk after it find its start
 * when merging. A used chunk needs no footer: the flag PREV_IN_USE in the
 * next chunk's header says whether there is one to read.
 */
struct tenor_alloc_chunk {
    size_t header;
    struct tenor_alloc_chunk *next;
    struct tenor_alloc_chunk *prev;
};

typedef struct tenor_alloc_chunk chunk;

enum {
    IN_USE = 1,
    PREV_IN_USE = 2,
    FLAGS = 15,
    HEADER_SIZE = sizeof(size_t),
    /* Header, two links and footer. */
    MIN_CHUNK = 32,
    /* Chunks below this size have one exact bin each (32, 48, ..., 1008). */
    SMALL_LIMIT = 1024,
    SMALL_BINS = SMALL_LIMIT / TENOR_ALLOC_ALIGNMENT - 2,
    /* Above it, four bins per power of two, starting at 2^10. */
    LARGE_SHIFT_FIRST = 10,
    LARGE_BINS_PER_POWER = 4,
};

/* Requests above this cannot be met by any region and would overflow the size arithmetic. */
static const size_t MAX_REQUEST = SIZE_MAX / 4;

static size_t chunk_size(const chunk *c)
{
    return c->header & ~(size_t)FLAGS;
}

static bool in_use(const chunk *c)
{
    return (c->header & IN_USE) != 0;
}

static bool prev_in_use(const chunk *c)
{
    return (c->header & PREV_IN_USE) != 0;
}

static chunk *chunk_at(const chunk *c, size_t offset)
{
    return (chunk *)((uintptr_t)c + offset);
}

static chunk *next_chunk(const chunk *c)
{
    return chunk_at(c, chunk_size(c));
}

static size_t *footer(const chunk *c)
{
    return (size_t *)((uintptr_t)c + chunk_size(c) - HEADER_SIZE);
}

/* Only valid when !prev_in_use(c): the previous chunk is free and has a footer. */
static chunk *prev_chunk(const chunk *c)
{
    size_t prev_size = *(const size_t *)((uintptr_t)c - HEADER_SIZE);
    return (chunk *)((uintptr_t)c - prev_size);
}

static void *block_of(const chunk *c)
{
    return (void *)((uintptr_t)c + HEADER_SIZE);
}

static chunk *chunk_of(const void *block)
{
    return (chunk *)((uintptr_t)block - HEADER_SIZE);
}

static void set_size_keep_flags(chunk *c, size_t size)
{
    c->header = size | (c->header & FLAGS);
}

static size_t round_up(size_t value, size_t alignment)
{
    return (value + alignment - 1) & ~(alignment - 1);
}

/* The chunk size that holds a block of size bytes; 0 when no heap could hold it. */
static size_t chunk_size_for(size_t size)
{
    if (size > MAX_REQUEST)
        return 0;
    size_t need = round_up(size + HEADER_SIZE, TENOR_ALLOC_ALIGNMENT);
    return need < MIN_CHUNK ? MIN_CHUNK : need;
}

static unsigned bin_index(size_t size)
{
    if (size < SMALL_LIMIT)
        return (unsigned)(size / TENOR_ALLOC_ALIGNMENT - 2);
    unsigned power = 63u - (unsigned)__builtin_clzll((unsigned long long)size);
    unsigned quarter = (unsigned)(size >> (power - 2)) & 3u;
    unsigned index = SMALL_BINS + (power - LARGE_SHIFT_FIRST) * LARGE_BINS_PER_POWER + quarter;
    /* The last bin takes every size beyond the table; a search checks each fit there. */
    return index < TENOR_ALLOC_BINS ? index : TENOR_ALLOC_BINS - 1;
}

static void mark_bin(struct tenor_heap *heap, unsigned bin, bool nonempty)
{
    uint64_t bit = (uint64_t)1 << (bin % 64);
    if (nonempty)
        heap->bitmap[bin / 64] |= bit;
    else
        heap->bitmap[bin / 64] &= ~bit;
}

/* The first non-empty bin at or after from, or TENOR_ALLOC_BINS if there is none. */
static unsigned first_nonempty_bin(const struct tenor_heap *heap, unsigned from)
{
    for (unsigned word = from / 64; word < TENOR_ALLOC_BINS / 64; word++) {
        uint64_t bits = heap->bitmap[word];
        if (word == from / 64)
            bits &= ~(uint64_t)0 << (from % 64);
        if (bits != 0)
            return word * 64 + (unsigned)__builtin_ctzll(bits);
    }
    return TENOR_ALLOC_BINS;
}

/* Puts a free chunk (header and footer already written) into its bin and the statistics. */
static void insert_free(struct tenor_heap *heap, chunk *c)
{
    unsigned bin = bin_index(chunk_size(c));
    c->prev = NULL;
    c->next = heap->bins[bin];
    if (c->next != NULL)
        c->next->prev = c;
    heap->bins[bin] = c;
    mark_bin(heap, bin, true);
    heap->free_bytes += chunk_size(c);
    heap->free_blocks++;
}

static void remove_free(struct tenor_heap *heap, chunk *c)
{
    unsigned bin = bin_index(chunk_size(c));
    if (c->prev != NULL)
        c->prev->next = c->next;
    else
        heap->bins[bin] = c->next;
    if (c->next != NULL)
        c->next->prev = c->prev;
    if (heap->bins[bin] == NULL)
        mark_bin(heap, bin, false);
    heap->free_bytes -= chunk_size(c);
    heap->free_blocks--;
}

/* Writes a free chunk of size bytes at c, whose previous chunk is in use, and files it. */
static void make_free(struct tenor_heap *heap, chunk *c, size_t size)
{
    c->header = size | PREV_IN_USE;
    *footer(c) = size;
    next_chunk(c)->header &= ~(size_t)PREV_IN_USE;
    insert_free(heap, c);
}

static void count_in_use(struct tenor_heap *heap, size_t size)
{
    heap->in_use_bytes += size;
    if (heap->in_use_bytes > heap->peak_in_use_bytes)
        heap->peak_in_use_bytes = heap->in_use_bytes;
}

/* Returns a used chunk to the heap, merged with whichever neighbours are free. */
static void free_chunk(struct tenor_heap *heap, chunk *c)
{
    size_t size = chunk_size(c);
    heap->in_use_bytes -= size;
    heap->live_blocks--;
    chunk *next = next_chunk(c);
    if (!prev_in_use(c)) {
        chunk *prev = prev_chunk(c);
        remove_free(heap, prev);
        size += chunk_size(prev);
        c = prev;
    }
    if (!in_use(next)) {
        remove_free(heap, next);
        size += chunk_size(next);
    }
    make_free(heap, c, size);
}

/* Cuts a used chunk down to need bytes, freeing the tail if it can stand as a chunk. */
static void shrink_chunk(struct tenor_heap *heap, chunk *c, size_t need)
{
    size_t rest = chunk_size(c) - need;
    if (rest < MIN_CHUNK)
        return;
    set_size_keep_flags(c, need);
    chunk *tail = chunk_at(c, need);
    tail->header = rest | IN_USE | PREV_IN_USE;
    /* The tail is briefly a used chunk of its own, which free_chunk() then releases. */
    heap->live_blocks++;
    free_chunk(heap, tail);
}

/* A free chunk of at least need bytes, already out of its bin, or NULL. */
static chunk *take_fit(struct tenor_heap *heap, size_t need)
{
    unsigned bin = bin_index(need);
    for (chunk *c = heap->bins[bin]; c != NULL; c = c->next) {
        if (chunk_size(c) >= need) {
            remove_free(heap, c);
            return c;
        }
    }
    /* Every chunk in a later bin is larger than any size of this one. */
    unsigned later = first_nonempty_bin(heap, bin + 1);
    if (later == TENOR_ALLOC_BINS)
        return NULL;
    chunk *c = heap->bins[later];
    remove_free(heap, c);
    return c;
}

/*
 * Splits a chunk whose successor is in use at need bytes, filing the tail
 * as a free chunk when it can stand as one; returns the size c keeps.
 */
static size_t split_before_used(struct tenor_heap *heap, chunk *c, size_t need)
{
    size_t rest = chunk_size(c) - need;
    if (rest < MIN_CHUNK)
        return chunk_size(c);
    set_size_keep_flags(c, need);
    make_free(heap, chunk_at(c, need), rest);
    return need;
}

/* Marks a chunk taken out of a bin as used, returning its unneeded tail to the heap. */
static void use_chunk(struct tenor_heap *heap, chunk *c, size_t need)
{
    /* A free chunk's successor is always in use: free neighbours are merged. */
    size_t size = split_before_used(heap, c, need);
    c->header |= IN_USE;
    next_chunk(c)->header |= PREV_IN_USE;
    heap->live_blocks++;
    count_in_use(heap, size);
}

bool tenor_heap_init(struct tenor_heap *heap, void *base, size_t size)
{
    uintptr_t start = (uintptr_t)base;
    if (base == NULL || size < 4 * MIN_CHUNK || start + size < start)
        return false;
    /* Chunks sit at 8 modulo 16 so that the blocks after their headers are 16-aligned. */
    uintptr_t first = round_up(start + HEADER_SIZE, TENOR_ALLOC_ALIGNMENT) - HEADER_SIZE;
    uintptr_t last = ((start + size - 2 * HEADER_SIZE) & ~(uintptr_t)(TENOR_ALLOC_ALIGNMENT - 1))
            + HEADER_SIZE;
    if (last < first + MIN_CHUNK)
        return false;
    memset(heap, 0, sizeof(*heap));
    heap->first = first;
    heap->last = last;
    heap->region_size = size;
    /* The end marker looks like a used chunk, so no merge ever runs past the region. */
    ((chunk *)last)->header = IN_USE;
    make_free(heap, (chunk *)first, last - first);
    return true;
}

void *tenor_heap_alloc(struct tenor_heap *heap, size_t size)
{
    size_t need = chunk_size_for(size);
    chunk *c = need != 0 ? take_fit(heap, need) : NULL;
    if (c == NULL) {
        heap->failed_allocations++;
        return NULL;
    }
    use_chunk(heap, c, need);
    return block_of(c);
}

void *tenor_heap_alloc_aligned(struct tenor_heap *heap, size_t alignment, size_t size)
{
    if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
        heap->failed_allocations++;
        return NULL;
    }
    if (alignment <= TENOR_ALLOC_ALIGNMENT)
        return tenor_heap_alloc(heap, size);
    size_t need = chunk_size_for(size);
    if (need == 0 || alignment > MAX_REQUEST) {
        heap->failed_allocations++;
        return NULL;
    }
    /* Room for the block at any alignment, plus a chunk's worth of gap in front that can be freed. */
    uintptr_t block = (uintptr_t)tenor_heap_alloc(heap, need + alignment + MIN_CHUNK);
    if (block == 0)
        return NULL;
    chunk *c = chunk_of((void *)block);
    if (block % alignment != 0) {
        uintptr_t aligned = round_up(block + MIN_CHUNK, alignment);
        size_t lead = aligned - block;
        chunk *rest = chunk_at(c, lead);
        rest->header = (chunk_size(c) - lead) | IN_USE;
        set_size_keep_flags(c, lead);
        heap->live_blocks++;
        free_chunk(heap, c);
        c = rest;
    }
    shrink_chunk(heap, c, need);
    return block_of(c);
}

/* Grows a used chunk into its free successor when the two together hold need bytes. */
static bool grow_in_place(struct tenor_heap *heap, chunk *c, size_t need)
{
    chunk *next = next_chunk(c);
    if (in_use(next) || chunk_size(c) + chunk_size(next) < need)
        return false;
    size_t old_size = chunk_size(c);
    remove_free(heap, next);
    set_size_keep_flags(c, old_size + chunk_size(next));
    size_t new_size = split_before_used(heap, c, need);
    next_chunk(c)->header |= PREV_IN_USE;
    count_in_use(heap, new_size - old_size);
    return true;
}

enum tenor_heap_result tenor_heap_realloc(struct tenor_heap *heap, void *ptr, size_t size,
        void **out)
{
    *out = NULL;
    if (ptr == NULL) {
        *out = tenor_heap_alloc(heap, size);
        return TENOR_HEAP_OK;
    }
    if (!tenor_heap_is_live(heap, ptr))
        return TENOR_HEAP_INVALID_POINTER;
    chunk *c = chunk_of(ptr);
    size_t need = chunk_size_for(size);
    if (need == 0) {
        heap->failed_allocations++;
        return TENOR_HEAP_OK;
    }
    if (need <= chunk_size(c)) {
        shrink_chunk(heap, c, need);
        *out = ptr;
        return TENOR_HEAP_OK;
    }
    if (grow_in_place(heap, c, need)) {
        *out = ptr;
        return TENOR_HEAP_OK;
    }
    void *moved = tenor_heap_alloc(heap, size);
    if (moved == NULL)
        return TENOR_HEAP_OK;
    memcpy(moved, ptr, chunk_size(c) - HEADER_SIZE);
    free_chunk(heap, c);
    *out = moved;
    return TENOR_HEAP_OK;
}

enum tenor_heap_result tenor_heap_free(struct tenor_heap *heap, void *ptr)
{
    if (ptr == NULL)
        return TENOR_HEAP_OK;
    if (!tenor_heap_is_live(heap, ptr))
        return TENOR_HEAP_INVALID_POINTER;
    free_chunk(heap, chunk_of(ptr));
    return TENOR_HEAP_OK;
}

bool tenor_heap_is_live(const struct tenor_heap *heap, const void *ptr)
{
    uintptr_t block = (uintptr_t)ptr;
    if (block % TENOR_ALLOC_ALIGNMENT != 0 || block < heap->first + HEADER_SIZE ||
            block >= heap->last)
        return false;
    const chunk *c = chunk_of(ptr);
    size_t size = chunk_size(c);
    if (!in_use(c) || size < MIN_CHUNK || size > heap->last - (uintptr_t)c)
        return false;
    /* A stray pointer into the middle of a block rarely has a header that the next chunk agrees with. */
    return prev_in_use(next_chunk(c));
}

size_t tenor_heap_usable_size(const struct tenor_heap *heap, const void *ptr)
{
    if (!tenor_heap_is_live(heap, ptr))
        return 0;
    return chunk_size(chunk_of(ptr)) - HEADER_SIZE;
}

static size_t largest_free(const struct tenor_heap *heap)
{
    size_t largest = 0;
    for (unsigned bin = TENOR_ALLOC_BINS; bin-- > 0;) {
        for (const chunk *c = heap->bins[bin]; c != NULL; c = c->next) {
            if (chunk_size(c) > largest)
                largest = chunk_size(c);
        }
        if (largest != 0)
            return largest;
    }
    return 0;
}

void tenor_heap_get_stats(const struct tenor_heap *heap, struct tenor_heap_stats *out)
{
    out->region_size = heap->region_size;
    out->in_use_bytes = heap->in_use_bytes;
    out->free_bytes = heap->free_bytes;
    out->overhead_bytes = heap->region_size - heap->in_use_bytes - heap->free_bytes;
    out->live_blocks = heap->live_blocks;
    out->free_blocks = heap->free_blocks;
    out->largest_free_bytes = largest_free(heap);
    out->peak_in_use_bytes = heap->peak_in_use_bytes;
    out->failed_allocations = heap->failed_allocations;
}

/* Totals gathered by walking the chunks, to compare with the counters. */
struct walk_totals {
    size_t in_use_bytes, free_bytes, live_blocks, free_blocks;
};

static const char *check_chunk(const struct tenor_heap *heap, const chunk *c, bool prev_used)
{
    size_t size = chunk_size(c);
    if (size < MIN_CHUNK || size % TENOR_ALLOC_ALIGNMENT != 0)
        return "a chunk has a size that is not a multiple of 16 of at least 32 bytes";
    if (size > heap->last - (uintptr_t)c)
        return "a chunk runs past the end of the heap";
    if (prev_in_use(c) != prev_used)
        return "a chunk's PREV_IN_USE flag disagrees with the chunk before it";
    if (!in_use(c) && !prev_used)
        return "two free chunks are adjacent: they should have been merged";
    if (!in_use(c) && *footer(c) != size)
        return "a free chunk's footer differs from its header";
    return NULL;
}

static const char *walk_chunks(const struct tenor_heap *heap, struct walk_totals *totals)
{
    bool prev_used = true;
    const chunk *c = (const chunk *)heap->first;
    while ((uintptr_t)c != heap->last) {
        const char *problem = check_chunk(heap, c, prev_used);
        if (problem != NULL)
            return problem;
        if (in_use(c)) {
            totals->in_use_bytes += chunk_size(c);
            totals->live_blocks++;
        } else {
            totals->free_bytes += chunk_size(c);
            totals->free_blocks++;
        }
        prev_used = in_use(c);
        c = next_chunk(c);
    }
    if (chunk_size(c) != 0 || !in_use(c))
        return "the end marker was overwritten";
    if (prev_in_use(c) != prev_used)
        return "the end marker's PREV_IN_USE flag disagrees with the last chunk";
    return NULL;
}

static const char *check_bins(const struct tenor_heap *heap, size_t *listed)
{
    for (unsigned bin = 0; bin < TENOR_ALLOC_BINS; bin++) {
        bool marked = (heap->bitmap[bin / 64] >> (bin % 64)) & 1;
        if (marked != (heap->bins[bin] != NULL))
            return "a bin's bitmap bit disagrees with whether the bin is empty";
        const chunk *prev = NULL;
        for (const chunk *c = heap->bins[bin]; c != NULL; prev = c, c = c->next) {
            if ((uintptr_t)c < heap->first || (uintptr_t)c >= heap->last)
                return "a bin links to a chunk outside the heap";
            if (in_use(c))
                return "a bin holds a chunk that is in use";
            if (bin_index(chunk_size(c)) != bin)
                return "a chunk is filed in the wrong bin for its size";
            if (c->prev != prev)
                return "a bin's back link is broken";
            if (++*listed > heap->free_blocks)
                return "the bins list more chunks than are free (a cycle?)";
        }
    }
    return NULL;
}

const char *tenor_heap_check(const struct tenor_heap *heap)
{
    struct walk_totals totals = {0, 0, 0, 0};
    const char *problem = walk_chunks(heap, &totals);
    if (problem != NULL)
        return problem;
    if (totals.in_use_bytes != heap->in_use_bytes || totals.live_blocks != heap->live_blocks)
        return "the in-use counters differ from the chunks in use";
    if (totals.free_bytes != heap->free_bytes || totals.free_blocks != heap->free_blocks)
        return "the free counters differ from the free chunks";
    size_t listed = 0;
    problem = check_bins(heap, &listed);
    if (problem != NULL)
        return problem;
    if (listed != heap->free_blocks)
        return "a free chunk is missing from the bins";
    return NULL;
}
