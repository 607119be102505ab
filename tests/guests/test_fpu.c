/*
 * test_fpu.c: SSE packed and scalar arithmetic give bit-exact IEEE results,
 * and so does a 256-bit AVX computation when CPUID reports AVX (which the
 * monitor must then have enabled). Built with -O2 -msse2; the instructions are written in inline
 * assembly so that they really execute instead of being folded at compile
 * time.
 */

#include "util.h"

typedef float v4sf __attribute__((vector_size(16)));

/* CPUID.1:ECX and XCR0 bits (Intel SDM Vol. 2A, CPUID; Vol. 1, 13.3). */
#define CPUID1_ECX_OSXSAVE (1U << 27)
#define CPUID1_ECX_AVX (1U << 28)
#define XCR0_SSE (1U << 1)
#define XCR0_AVX (1U << 2)

static uint32_t float_bits(float f)
{
    uint32_t bits;

    memcpy(&bits, &f, sizeof bits);
    return bits;
}

static uint64_t double_bits(double d)
{
    uint64_t bits;

    memcpy(&bits, &d, sizeof bits);
    return bits;
}

static void check_v4sf(v4sf got, const float expected[4], const char *what)
{
    for (int i = 0; i < 4; i++)
        check_eq(float_bits(got[i]), float_bits(expected[i]), what);
}

static v4sf mulps(v4sf a, v4sf b)
{
    __asm__("mulps %1, %0" : "+x"(a) : "x"(b));
    return a;
}

static v4sf addps(v4sf a, v4sf b)
{
    __asm__("addps %1, %0" : "+x"(a) : "x"(b));
    return a;
}

static v4sf divps(v4sf a, v4sf b)
{
    __asm__("divps %1, %0" : "+x"(a) : "x"(b));
    return a;
}

static v4sf sqrtps(v4sf a)
{
    v4sf r;

    __asm__("sqrtps %1, %0" : "=x"(r) : "x"(a));
    return r;
}

/* Inputs are volatile so that nothing is computed at compile time. */
static volatile v4sf packed_a = { 1.5f, 2.25f, -3.0f, 4.0f };
static volatile v4sf packed_b = { 2.0f, 4.0f, 0.5f, -0.25f };
static volatile v4sf packed_squares = { 4.0f, 9.0f, 16.0f, 0.25f };
static volatile float scalar_two = 2.0f;
static volatile float scalar_three = 3.0f;
static volatile double double_two = 2.0;
static volatile double double_three = 3.0;

static void test_packed(void)
{
    static const float product[4] = { 3.0f, 9.0f, -1.5f, -1.0f };
    static const float sum[4] = { 3.5f, 6.25f, -2.5f, 3.75f };
    static const float quotient[4] = { 0.75f, 0.5625f, -6.0f, -16.0f };
    static const float roots[4] = { 2.0f, 3.0f, 4.0f, 0.5f };
    v4sf a = packed_a;
    v4sf b = packed_b;

    check_v4sf(mulps(a, b), product, "mulps");
    check_v4sf(addps(a, b), sum, "addps");
    check_v4sf(divps(a, b), quotient, "divps");
    check_v4sf(sqrtps(packed_squares), roots, "sqrtps");
    puts("SSE packed: ok\n");
}

static void test_scalar(void)
{
    float f2 = scalar_two;
    float f3 = scalar_three;
    float f_root;
    float f_third = 1.0f;
    double d2 = double_two;
    double d3 = double_three;
    double d_root;
    double d_third = 1.0;

    __asm__("sqrtss %1, %0" : "=x"(f_root) : "x"(f2));
    __asm__("divss %1, %0" : "+x"(f_third) : "x"(f3));
    __asm__("sqrtsd %1, %0" : "=x"(d_root) : "x"(d2));
    __asm__("divsd %1, %0" : "+x"(d_third) : "x"(d3));
    /* The correctly rounded IEEE 754 results. */
    check_eq(float_bits(f_root), 0x3fb504f3U, "sqrtss(2.0f)");
    check_eq(float_bits(f_third), 0x3eaaaaabU, "divss(1.0f, 3.0f)");
    check_eq(double_bits(d_root), 0x3ff6a09e667f3bcdULL, "sqrtsd(2.0)");
    check_eq(double_bits(d_third), 0x3fd5555555555555ULL, "divsd(1.0, 3.0)");
    puts("SSE scalar: ok\n");
}

/*
 * Whether to run the AVX part: the CPU must report AVX, and then the hvt ABI
 * promises the monitor enabled it (CR4.OSXSAVE set, XCR0 with the SSE and
 * AVX state), so AVX reported but not enabled is a failure, not a skip.
 */
static bool avx_enabled(void)
{
    uint32_t eax, ebx, ecx, edx;
    uint32_t xcr0_low, xcr0_high;

    __asm__ __volatile__("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : "a"(1), "c"(0));
    if ((ecx & CPUID1_ECX_AVX) == 0)
        return false;
    check(ecx & CPUID1_ECX_OSXSAVE, "CPUID reports AVX but CR4.OSXSAVE is clear: the monitor did not enable AVX");
    /* xgetbv is allowed at any privilege level once CR4.OSXSAVE is set. */
    __asm__ __volatile__("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    (void)xcr0_high;
    check_eq(xcr0_low & (XCR0_SSE | XCR0_AVX), XCR0_SSE | XCR0_AVX,
            "XCR0 SSE and AVX state bits although CPUID reports AVX");
    return true;
}

/*
 * Eight lanes, so that the upper 128 bits of the ymm registers are used too.
 * The file is not built with -mavx, so the values travel through memory.
 */
static void test_avx(void)
{
    static volatile float a[8] = { 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f, 8.0f };
    static volatile float b[8] = { 0.5f, 0.25f, 2.0f, -1.0f, 1.5f, 0.125f, -2.0f, 4.0f };
    static const float expected[8] = { 1.5f, 2.5f, 9.0f, 0.0f, 12.5f, 6.75f, -7.0f, 40.0f };
    float result[8];

    /* result = a * b + a */
    __asm__ __volatile__(
        "vmovups (%1), %%ymm0\n\t"
        "vmovups (%2), %%ymm1\n\t"
        "vmulps %%ymm1, %%ymm0, %%ymm1\n\t"
        "vaddps %%ymm0, %%ymm1, %%ymm1\n\t"
        "vmovups %%ymm1, (%0)\n\t"
        "vzeroupper"
        : : "r"(result), "r"(a), "r"(b) : "xmm0", "xmm1", "memory");
    for (int i = 0; i < 8; i++)
        check_eq(float_bits(result[i]), float_bits(expected[i]), "vmulps/vaddps on ymm");
    puts("AVX: ok\n");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    test_packed();
    test_scalar();
    if (avx_enabled())
        test_avx();
    else
        puts("AVX: not reported by CPUID, skipped\n");
    success();
    return SOLO5_EXIT_SUCCESS;
}
