/*
 * solo5.h: the public guest API of tenor, source-compatible with Solo5's.
 *
 * A unikernel links against tenor's bindings for one target (hvt, spt) and
 * calls only the functions declared here. Names, types, constants and
 * semantics are those of Solo5 so that existing libOSes (MirageOS's
 * ocaml-solo5, plain C applications) build unchanged.
 *
 * Conventions: a function returning solo5_result_t reports SOLO5_R_OK on
 * success. Applications MUST NOT rely on SOLO5_R_EINVAL or SOLO5_R_EUNSPEC
 * being returned: an implementation MAY abort the unikernel instead. Calling
 * a device function with a handle that was never acquired aborts.
 */

#ifndef SOLO5_H_INCLUDED
#define SOLO5_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    /* The operation completed successfully. */
    SOLO5_R_OK = 0,
    /* The operation cannot complete now and should be retried later. */
    SOLO5_R_AGAIN,
    /* An argument is invalid. */
    SOLO5_R_EINVAL,
    /* The operation failed for an unspecified reason. */
    SOLO5_R_EUNSPEC
} solo5_result_t;

/*
 * Start-up information handed to solo5_app_main().
 *
 * cmdline: the command line given to the monitor after the unikernel path,
 *   with the bindings' own --solo5: options removed. Never NULL.
 * heap_start, heap_size: the free memory the application MAY use as its heap.
 */
struct solo5_start_info {
    const char *cmdline;
    uintptr_t heap_start;
    size_t heap_size;
};

/*
 * The application's entry point, supplied by the application. Returning from
 * it is the same as calling solo5_exit() with the value returned.
 */
int solo5_app_main(const struct solo5_start_info *info);

#define SOLO5_EXIT_SUCCESS 0
#define SOLO5_EXIT_FAILURE 1
#define SOLO5_EXIT_ABORT 255

/*
 * Ends the unikernel with the given status, reported by the monitor as its
 * own exit status. Statuses of 255 and above are reserved: the application
 * SHOULD use 0..254.
 */
void solo5_exit(int status) __attribute__((noreturn));

/*
 * Ends the unikernel abnormally (exit status SOLO5_EXIT_ABORT). This is the
 * hook where a monitor MAY collect a core dump.
 */
void solo5_abort(void) __attribute__((noreturn));

/*
 * Thread-local storage, local-exec model only.
 *
 * solo5_tls_size() is the number of bytes a TLS block needs, including the
 * thread control block the TLS base points at.
 * solo5_tls_tp_offset(tls) is the TLS base (the value for the FS base) for a
 * block that starts at tls.
 * solo5_tls_init(tls) copies .tdata into the block at tls, zeroes .tbss and
 * sets up the control block; tls MUST point at solo5_tls_size() bytes.
 * solo5_set_tls_base(base) sets the FS base of the calling (only) thread.
 */
size_t solo5_tls_size(void);
uintptr_t solo5_tls_tp_offset(uintptr_t tls);
solo5_result_t solo5_tls_init(uintptr_t tls);
solo5_result_t solo5_set_tls_base(uintptr_t base);

/* Time in nanoseconds. */
typedef uint64_t solo5_time_t;

/* Monotonic time since an unspecified point in the past. */
solo5_time_t solo5_clock_monotonic(void);

/* Wall-clock time in UTC nanoseconds since the UNIX epoch. */
solo5_time_t solo5_clock_wall(void);

/* A device handle: an index into the unikernel's manifest (1..63). */
typedef uint64_t solo5_handle_t;

/* A set of handles: bit N stands for handle N. */
typedef uint64_t solo5_handle_set_t;

/*
 * Suspends the unikernel until the monotonic clock reaches deadline or input
 * is pending on any network device, whichever comes first. If ready_set is
 * not NULL, it receives the set of network handles with pending input (empty
 * if the deadline passed). A deadline in the past returns at once.
 */
void solo5_yield(solo5_time_t deadline, solo5_handle_set_t *ready_set);

/*
 * Writes size bytes of buf to the console. Best effort: never fails and MAY
 * drop output.
 */
void solo5_console_write(const char *buf, size_t size);

/* Network devices. */
#define SOLO5_NET_ALEN 6
#define SOLO5_NET_HLEN 14

/*
 * mac_address: the device's MAC address.
 * mtu: the maximum transmission unit, excluding the Ethernet header.
 */
struct solo5_net_info {
    uint8_t mac_address[SOLO5_NET_ALEN];
    size_t mtu;
};

/*
 * Acquires the network device declared in the manifest as name, storing its
 * handle in *handle and its properties in *info. Returns SOLO5_R_EINVAL if no
 * such network device is declared or it was already acquired.
 */
solo5_result_t solo5_net_acquire(const char *name, solo5_handle_t *handle,
        struct solo5_net_info *info);

/*
 * Sends one Ethernet frame of size bytes (at most mtu + SOLO5_NET_HLEN).
 * Does not block.
 */
solo5_result_t solo5_net_write(solo5_handle_t handle, const uint8_t *buf,
        size_t size);

/*
 * Receives one Ethernet frame into buf, which MUST hold at least mtu +
 * SOLO5_NET_HLEN bytes, storing its length in *read_size. Does not block:
 * returns SOLO5_R_AGAIN when no frame is pending.
 */
solo5_result_t solo5_net_read(solo5_handle_t handle, uint8_t *buf,
        size_t size, size_t *read_size);

/* Block devices. */
typedef uint64_t solo5_off_t;

/*
 * capacity: the device's size in bytes.
 * block_size: the unit of I/O in bytes; offsets and sizes MUST be multiples
 *   of it.
 */
struct solo5_block_info {
    solo5_off_t capacity;
    solo5_off_t block_size;
};

/*
 * Acquires the block device declared in the manifest as name, storing its
 * handle in *handle and its properties in *info. Returns SOLO5_R_EINVAL if no
 * such block device is declared or it was already acquired.
 */
solo5_result_t solo5_block_acquire(const char *name, solo5_handle_t *handle,
        struct solo5_block_info *info);

/*
 * Writes size bytes from buf at byte offset of the device. offset and size
 * MUST be multiples of block_size and the range MUST lie inside the device,
 * else SOLO5_R_EINVAL. A write is all or nothing.
 */
solo5_result_t solo5_block_write(solo5_handle_t handle, solo5_off_t offset,
        const uint8_t *buf, size_t size);

/*
 * Reads size bytes at byte offset of the device into buf, with the same
 * rules as solo5_block_write().
 */
solo5_result_t solo5_block_read(solo5_handle_t handle, solo5_off_t offset,
        uint8_t *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* SOLO5_H_INCLUDED */
