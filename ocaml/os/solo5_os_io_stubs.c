/* solo5_os_io_stubs.c: the C side of the OS layer's devices and main loop: solo5_yield, and network and block I/O straight into Bigarray buffers. */
#include <solo5.h>
#include <stdint.h>

#include <caml/alloc.h>
#include <caml/bigarray.h>
#include <caml/memory.h>
#include <caml/mlvalues.h>

/*
 * The I/O calls return an OCaml int: a byte count (reads) or 0 (writes) on
 * success, else the negated solo5_result_t, so that the hot path allocates
 * nothing and the OCaml side (Solo5_os_base) decodes the failure. They are
 * [@@noalloc]: they neither allocate nor raise, and the buffer cannot move
 * (Bigarray data lives outside the OCaml heap).
 */
static value io_failure(solo5_result_t result)
{
    return Val_long(-(long)result);
}

/* The address of byte offset of a Bigarray of chars, as Cstruct.t keeps them. */
static uint8_t *buffer_at(value buffer, value offset)
{
    return (uint8_t *)Caml_ba_data_val(buffer) + Long_val(offset);
}

/*
 * Suspends the unikernel until the monotonic deadline (ns, an OCaml int) or
 * network input. Returns the ready set shifted right by one, as an OCaml
 * int: handles are 1..63, so bit N-1 of the result stands for handle N and
 * nothing is lost or allocated.
 */
value tenor_os_yield(value deadline)
{
    solo5_handle_set_t ready = 0;
    long ns = Long_val(deadline);
    solo5_yield(ns < 0 ? 0 : (solo5_time_t)ns, &ready);
    return Val_long((long)(ready >> 1));
}

/*
 * Acquires the net device name: Some (handle, mac, mtu) with the MAC as a
 * 6-byte string, or None when the manifest declares no such device or it was
 * acquired already.
 */
value tenor_os_net_acquire(value name)
{
    CAMLparam1(name);
    CAMLlocal3(result, fields, mac);
    solo5_handle_t handle;
    struct solo5_net_info info;
    if (solo5_net_acquire(String_val(name), &handle, &info) != SOLO5_R_OK)
        CAMLreturn(Val_none);
    mac = caml_alloc_initialized_string(SOLO5_NET_ALEN, (const char *)info.mac_address);
    fields = caml_alloc_tuple(3);
    Store_field(fields, 0, Val_long(handle));
    Store_field(fields, 1, mac);
    Store_field(fields, 2, Val_long(info.mtu));
    result = caml_alloc_some(fields);
    CAMLreturn(result);
}

value tenor_os_net_read(value handle, value buffer, value offset, value length)
{
    size_t read_size = 0;
    solo5_result_t result = solo5_net_read((solo5_handle_t)Long_val(handle),
            buffer_at(buffer, offset), (size_t)Long_val(length), &read_size);
    if (result != SOLO5_R_OK)
        return io_failure(result);
    return Val_long(read_size);
}

value tenor_os_net_write(value handle, value buffer, value offset, value length)
{
    solo5_result_t result = solo5_net_write((solo5_handle_t)Long_val(handle),
            buffer_at(buffer, offset), (size_t)Long_val(length));
    return result == SOLO5_R_OK ? Val_long(0) : io_failure(result);
}

/* Acquires the block device name: Some (handle, capacity, block_size), or None. */
value tenor_os_block_acquire(value name)
{
    CAMLparam1(name);
    CAMLlocal2(result, fields);
    solo5_handle_t handle;
    struct solo5_block_info info;
    if (solo5_block_acquire(String_val(name), &handle, &info) != SOLO5_R_OK)
        CAMLreturn(Val_none);
    fields = caml_alloc_tuple(3);
    Store_field(fields, 0, Val_long(handle));
    Store_field(fields, 1, Val_long(info.capacity));
    Store_field(fields, 2, Val_long(info.block_size));
    result = caml_alloc_some(fields);
    CAMLreturn(result);
}

value tenor_os_block_read(value handle, value device_offset, value buffer, value offset, value length)
{
    solo5_result_t result = solo5_block_read((solo5_handle_t)Long_val(handle),
            (solo5_off_t)Long_val(device_offset), buffer_at(buffer, offset),
            (size_t)Long_val(length));
    return result == SOLO5_R_OK ? Val_long(0) : io_failure(result);
}

value tenor_os_block_write(value handle, value device_offset, value buffer, value offset, value length)
{
    solo5_result_t result = solo5_block_write((solo5_handle_t)Long_val(handle),
            (solo5_off_t)Long_val(device_offset), buffer_at(buffer, offset),
            (size_t)Long_val(length));
    return result == SOLO5_R_OK ? Val_long(0) : io_failure(result);
}

/* Writes length bytes of a Bigarray (a Cstruct.t's buffer) to the console, without a copy. */
value tenor_os_console_write_buffer(value buffer, value offset, value length)
{
    solo5_console_write((const char *)buffer_at(buffer, offset), (size_t)Long_val(length));
    return Val_unit;
}
