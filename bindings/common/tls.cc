// tls.cc: solo5_tls_size(), solo5_tls_tp_offset() and solo5_tls_init() from the linker script's TLS symbols.
#include "bindings.h"
#include "tls_layout.h"

// Defined by the target's linker script: the TLS image (.tdata then .tbss)
// and, as an absolute symbol, its alignment.
extern "C" char _stdata[], _etdata[], _etbss[], _tls_align[];

namespace {

size_t image_size() {
    return static_cast<size_t>(_etbss - _stdata);
}

size_t tdata_size() {
    return static_cast<size_t>(_etdata - _stdata);
}

size_t image_align() {
    return reinterpret_cast<uintptr_t>(_tls_align);
}

}  // namespace

using namespace tenor::bindings;

extern "C" size_t solo5_tls_size(void) {
    return tls_block_size(image_size(), image_align());
}

extern "C" uintptr_t solo5_tls_tp_offset(uintptr_t tls) {
    return tls_tp(tls, image_size(), image_align());
}

extern "C" solo5_result_t solo5_tls_init(uintptr_t tls) {
    if (tls == 0)
        return SOLO5_R_EINVAL;
    uintptr_t tp = solo5_tls_tp_offset(tls);
    auto *block = reinterpret_cast<uint8_t *>(tls);
    memcpy(block, _stdata, tdata_size());
    memset(block + tdata_size(), 0, tp - tls - tdata_size());
    auto *tcb = reinterpret_cast<uint8_t *>(tp);
    memset(tcb, 0, kTcbSize);
    uintptr_t canary = ssp_guard();
    memcpy(tcb + kTcbSelfOffset, &tp, sizeof(tp));
    memcpy(tcb + kTcbCanaryOffset, &canary, sizeof(canary));
    return SOLO5_R_OK;
}
