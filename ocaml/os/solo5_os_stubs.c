/* solo5_os_stubs.c: the C side of Solo5_os: calls into the Solo5 API and the heap's statistics. */
#include <solo5.h>
#include <stdint.h>

#include <caml/alloc.h>
#include <caml/memory.h>
#include <caml/mlvalues.h>

#include "tenor_malloc.h"

value tenor_os_console_write(value text)
{
    solo5_console_write(String_val(text), caml_string_length(text));
    return Val_unit;
}

int64_t tenor_os_clock_monotonic(value unit)
{
    (void)unit;
    return (int64_t)solo5_clock_monotonic();
}

/* Only native code runs in a unikernel; the bytecode names exist because OCaml requires them. */
value tenor_os_clock_monotonic_byte(value unit)
{
    return caml_copy_int64(tenor_os_clock_monotonic(unit));
}

int64_t tenor_os_clock_wall(value unit)
{
    (void)unit;
    return (int64_t)solo5_clock_wall();
}

value tenor_os_clock_wall_byte(value unit)
{
    return caml_copy_int64(tenor_os_clock_wall(unit));
}

/* The fields in the order of Solo5_os.Heap.stats. */
value tenor_os_heap_stats(value unit)
{
    CAMLparam1(unit);
    CAMLlocal1(result);
    struct tenor_heap_stats s;
    tenor_malloc_stats(&s);
    const size_t fields[] = {
        s.region_size, s.in_use_bytes, s.free_bytes, s.overhead_bytes, s.live_blocks,
        s.free_blocks, s.largest_free_bytes, s.peak_in_use_bytes, s.failed_allocations,
    };
    result = caml_alloc_tuple(sizeof(fields) / sizeof(fields[0]));
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        Store_field(result, i, Val_long(fields[i]));
    CAMLreturn(result);
}

value tenor_os_heap_check(value unit)
{
    CAMLparam1(unit);
    CAMLlocal2(result, text);
    const char *problem = tenor_malloc_check();
    if (problem == NULL)
        CAMLreturn(Val_none);
    text = caml_copy_string(problem);
    result = caml_alloc_some(text);
    CAMLreturn(result);
}

value tenor_os_exit(value code)
{
    solo5_exit(Int_val(code));
}
