// format.cc: a small printf-style formatter for the bindings' messages (no floating point).
//
// Pure logic with no dependency on the rest of the bindings, so that the host
// unit tests compile it too.
#include "format.h"

#include <stdint.h>

namespace tenor::bindings {
namespace {

// Appends to a fixed buffer, counting what does not fit.
struct Output {
    char *buf;
    size_t size;
    size_t len;

    void put(char c) {
        if (len + 1 < size)
            buf[len] = c;
        len++;
    }
    void repeat(char c, size_t n) {
        for (size_t i = 0; i < n; i++)
            put(c);
    }
};

struct Spec {
    bool left = false;
    bool zero = false;
    size_t width = 0;
    bool has_precision = false;
    size_t precision = 0;
    int size = 0;  // -2 hh, -1 h, 0 int, 1 long, 2 long long (and size_t, intmax_t, ptrdiff_t)
};

const char *parse_flags(const char *p, Spec *spec) {
    for (;; p++) {
        if (*p == '-')
            spec->left = true;
        else if (*p == '0')
            spec->zero = true;
        else
            return p;
    }
}

const char *parse_number(const char *p, size_t *value, va_list *ap) {
    if (*p == '*') {
        int arg = va_arg(*ap, int);
        *value = arg < 0 ? 0 : static_cast<size_t>(arg);
        return p + 1;
    }
    size_t n = 0;
    while (*p >= '0' && *p <= '9')
        n = n * 10 + static_cast<size_t>(*p++ - '0');
    *value = n;
    return p;
}

const char *parse_length(const char *p, Spec *spec) {
    if (p[0] == 'h' && p[1] == 'h') {
        spec->size = -2;
        return p + 2;
    }
    if (p[0] == 'l' && p[1] == 'l') {
        spec->size = 2;
        return p + 2;
    }
    switch (*p) {
    case 'h':
        spec->size = -1;
        return p + 1;
    case 'l':
        spec->size = 1;
        return p + 1;
    case 'z':
    case 'j':
    case 't':
        spec->size = 2;
        return p + 1;
    default:
        return p;
    }
}

const char *parse_spec(const char *p, Spec *spec, va_list *ap) {
    p = parse_flags(p, spec);
    p = parse_number(p, &spec->width, ap);
    if (*p == '.') {
        spec->has_precision = true;
        p = parse_number(p + 1, &spec->precision, ap);
    }
    return parse_length(p, spec);
}

// Pads the n characters of text to the field width.
void put_field(Output *out, const Spec &spec, const char *prefix, const char *text, size_t n) {
    size_t prefix_len = 0;
    while (prefix[prefix_len] != '\0')
        prefix_len++;
    size_t used = prefix_len + n;
    size_t pad = spec.width > used ? spec.width - used : 0;
    if (!spec.left && !spec.zero)
        out->repeat(' ', pad);
    for (size_t i = 0; i < prefix_len; i++)
        out->put(prefix[i]);
    if (!spec.left && spec.zero)
        out->repeat('0', pad);
    for (size_t i = 0; i < n; i++)
        out->put(text[i]);
    if (spec.left)
        out->repeat(' ', pad);
}

void put_unsigned(Output *out, const Spec &spec, const char *prefix, uint64_t value, unsigned base,
        bool upper) {
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char text[24];
    size_t n = sizeof(text);
    do {
        text[--n] = digits[value % base];
        value /= base;
    } while (value != 0);
    put_field(out, spec, prefix, text + n, sizeof(text) - n);
}

int64_t signed_arg(const Spec &spec, va_list *ap) {
    if (spec.size >= 2)
        return va_arg(*ap, long long);
    if (spec.size == 1)
        return va_arg(*ap, long);
    int value = va_arg(*ap, int);
    if (spec.size == -1)
        return static_cast<short>(value);
    if (spec.size == -2)
        return static_cast<signed char>(value);
    return value;
}

uint64_t unsigned_arg(const Spec &spec, va_list *ap) {
    if (spec.size >= 2)
        return va_arg(*ap, unsigned long long);
    if (spec.size == 1)
        return va_arg(*ap, unsigned long);
    unsigned value = va_arg(*ap, unsigned);
    if (spec.size == -1)
        return static_cast<unsigned short>(value);
    if (spec.size == -2)
        return static_cast<unsigned char>(value);
    return value;
}

void put_string(Output *out, const Spec &spec, const char *s) {
    if (s == nullptr)
        s = "(null)";
    size_t n = 0;
    while (s[n] != '\0' && (!spec.has_precision || n < spec.precision))
        n++;
    Spec padded = spec;
    padded.zero = false;
    put_field(out, padded, "", s, n);
}

void put_conversion(Output *out, char conversion, const Spec &spec, va_list *ap) {
    switch (conversion) {
    case 'd':
    case 'i': {
        int64_t value = signed_arg(spec, ap);
        uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : value;
        put_unsigned(out, spec, value < 0 ? "-" : "", magnitude, 10, false);
        return;
    }
    case 'u':
        put_unsigned(out, spec, "", unsigned_arg(spec, ap), 10, false);
        return;
    case 'x':
    case 'X':
        put_unsigned(out, spec, "", unsigned_arg(spec, ap), 16, conversion == 'X');
        return;
    case 'p':
        put_unsigned(out, spec, "0x", reinterpret_cast<uintptr_t>(va_arg(*ap, void *)), 16, false);
        return;
    case 's':
        put_string(out, spec, va_arg(*ap, const char *));
        return;
    case 'c': {
        char c = static_cast<char>(va_arg(*ap, int));
        put_field(out, spec, "", &c, 1);
        return;
    }
    case '%':
        out->put('%');
        return;
    default:
        // An unknown conversion is printed as written, so that the mistake shows.
        out->put('%');
        if (conversion != '\0')
            out->put(conversion);
        return;
    }
}

}  // namespace

size_t format_v(char *buf, size_t size, const char *fmt, va_list ap) {
    Output out{buf, size, 0};
    va_list args;
    va_copy(args, ap);
    const char *p = fmt;
    while (*p != '\0') {
        if (*p != '%') {
            out.put(*p++);
            continue;
        }
        Spec spec;
        p = parse_spec(p + 1, &spec, &args);
        put_conversion(&out, *p, spec, &args);
        if (*p != '\0')
            p++;
    }
    va_end(args);
    if (size > 0)
        buf[out.len < size ? out.len : size - 1] = '\0';
    return out.len;
}

size_t format(char *buf, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    size_t len = format_v(buf, size, fmt, ap);
    va_end(ap);
    return len;
}

}  // namespace tenor::bindings
