// format.h: a small printf-style formatter for the bindings' messages (no floating point).
#ifndef TENOR_BINDINGS_FORMAT_H
#define TENOR_BINDINGS_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

namespace tenor::bindings {

// Formats like vsnprintf() into buf of size bytes, NUL-terminating it when
// size > 0, and returns the length the whole output has (which may exceed
// size - 1: the rest is cut). Understands the flags '-' and '0', a width
// (digits or '*'), a precision ('.' and digits or '*', for %s), the length
// modifiers hh h l ll z j t, and the conversions d i u x X p s c %.
size_t format_v(char *buf, size_t size, const char *fmt, va_list ap);
size_t format(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

}  // namespace tenor::bindings

#endif
