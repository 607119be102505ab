// block_chunk.h: how the spt bindings split a block request into the transfers the seccomp
// filter allows: block_size << k bytes each (tenor/spt_abi.h, "Block I/O").
//
// Pure logic with no dependency on the rest of the bindings, so that the
// host unit tests compile it too.
#ifndef TENOR_BINDINGS_SPT_BLOCK_CHUNK_H
#define TENOR_BINDINGS_SPT_BLOCK_CHUNK_H

#include <stdint.h>

namespace tenor::bindings::spt {

// The length of the next transfer of a request with `remaining` bytes left
// (a non-zero multiple of block_size, a power of two): the largest
// block_size << k that is at most remaining and at most max. Largest first
// keeps a request to at most one transfer per set bit of its block count.
constexpr uint64_t block_chunk(uint64_t remaining, uint64_t block_size, uint64_t max) {
    uint64_t len = block_size;
    while (len <= max / 2 && len * 2 <= remaining)
        len *= 2;
    return len;
}

}  // namespace tenor::bindings::spt

#endif
