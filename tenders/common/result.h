// result.h: Result<T>, the error-or-value type of all host-side code, and TRY.
//
// Host code reports failure by value, never by exception. An Error carries a
// message for the user that says what went wrong and how to fix it.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace tenor {

struct Error {
    std::string message;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    const T& value() const& { return std::get<0>(state_); }
    T& operator*() & { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const& { return std::get<1>(state_); }
    Error&& error() && { return std::get<1>(std::move(state_)); }

private:
    std::variant<T, Error> state_;
};

// Result<void>: success carries nothing.
struct Ok {};
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Ok) {}
    Result(Error error) : error_(std::move(error)), failed_(true) {}

    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const& { return error_; }
    Error&& error() && { return std::move(error_); }

private:
    Error error_;
    bool failed_ = false;
};

// Builds an Error from pieces streamed together: fail("bad size ", n).
template <typename... Parts>
Error fail(Parts&&... parts) {
    std::string message;
    auto append = [&message](const auto& part) {
        if constexpr (std::is_arithmetic_v<std::decay_t<decltype(part)>>)
            message += std::to_string(part);
        else
            message += part;
    };
    (append(parts), ...);
    return Error{std::move(message)};
}

}  // namespace tenor

// Evaluates a Result; on error returns it from the enclosing function, else
// yields the value. A GNU statement expression, as GCC and Clang provide.
#define TRY(expr)                                           \
    ({                                                      \
        auto _tenor_try = (expr);                           \
        if (!_tenor_try.ok())                               \
            return std::move(_tenor_try).error();           \
        std::move(_tenor_try).value();                      \
    })

// TRY for Result<void>.
#define TRY_VOID(expr)                                      \
    do {                                                    \
        auto _tenor_try = (expr);                           \
        if (!_tenor_try.ok())                               \
            return std::move(_tenor_try).error();           \
    } while (0)
