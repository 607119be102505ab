/* thp_preload.c: a benchmark-only LD_PRELOAD shim that asks Linux for transparent huge pages on a monitor's guest RAM, to measure what 2 MiB host pages would change (bench/README.md, bench/ocaml). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/types.h>

/* Guest RAM is the only anonymous mapping of a monitor this large; smaller
   ones (stacks, the allocator's arenas) keep their usual pages. */
#define GUEST_RAM_MIN_BYTES (64UL << 20)

typedef void *(*mmap_fn)(void *, size_t, int, int, int, off_t);

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    static mmap_fn real_mmap;
    if (real_mmap == NULL)
        real_mmap = (mmap_fn)dlsym(RTLD_NEXT, "mmap");
    void *p = real_mmap(addr, length, prot, flags, fd, offset);
    /* MADV_HUGEPAGE is advice: if the kernel refuses it, the pages are 4 KiB as before. */
    if (p != MAP_FAILED && (flags & MAP_ANONYMOUS) != 0 && length >= GUEST_RAM_MIN_BYTES)
        (void)madvise(p, length, MADV_HUGEPAGE);
    return p;
}
