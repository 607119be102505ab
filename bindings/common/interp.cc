// interp.cc: the PT_INTERP of every tenor unikernel, an interpreter that cannot exist.
namespace {

// The host kernel then refuses to exec the unikernel directly (as with
// Solo5's binaries); the linker script makes it PT_INTERP.
[[gnu::used, gnu::section(".interp")]]
const char interp[] = "/nonexistent/solo5/";

}  // namespace
