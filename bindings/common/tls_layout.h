// tls_layout.h: where the TLS data and the thread control block sit in a TLS block (x86_64 variant II).
//
// A block is [TLS data, padded to its alignment][control block]; the TLS
// base (tp) points at the control block and the local-exec offsets the
// linker computes are negative offsets from it.
#ifndef TENOR_BINDINGS_TLS_LAYOUT_H
#define TENOR_BINDINGS_TLS_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

namespace tenor::bindings {

// The thread control block: word 0 points at itself (code reads %fs:0 to
// find tp) and the word at 0x28 is the stack-protector canary that code
// built for Linux reads at %fs:0x28.
constexpr size_t kTcbSize = 64;
constexpr size_t kTcbSelfOffset = 0x0;
constexpr size_t kTcbCanaryOffset = 0x28;

// The TLS image's size (.tdata plus .tbss) rounded up to its alignment, as
// the linker does when it computes the offsets from tp.
constexpr size_t tls_data_size(size_t image_size, size_t align) {
    if (align <= 1)
        return image_size;
    return (image_size + align - 1) / align * align;
}

constexpr size_t tls_block_size(size_t image_size, size_t align) {
    return tls_data_size(image_size, align) + kTcbSize;
}

constexpr uintptr_t tls_tp(uintptr_t block, size_t image_size, size_t align) {
    return block + tls_data_size(image_size, align);
}

}  // namespace tenor::bindings

#endif
