// vdso.h: finding a function in the host kernel's vDSO, for the guest's clocks.
#pragma once

#include <cstdint>

namespace tenor::spt {

// The address of the dynamic symbol `name` in the vDSO image mapped at
// image (getauxval(AT_SYSINFO_EHDR)), or 0 if there is none. The image
// comes from the kernel, so it is trusted; it is still walked with bounds
// taken from its own headers.
uint64_t vdso_symbol(uint64_t image, const char* name);

// The vDSO's clock_gettime in this process, or 0 if the host has no vDSO.
uint64_t vdso_clock_gettime();

}  // namespace tenor::spt
