// A value or an error, for paths that fail in expected ways (I/O, parsing, the network).
// Exceptions are kept for the process boundary; everything below it returns one of these.
#pragma once

#include <cassert>
#include <string>
#include <system_error>
#include <utility>
#include <variant>

namespace strike {

struct error {
  std::string message;    // says what failed and where, ready for a log line or stderr
  std::error_code code{};  // the underlying OS or library code, when there is one
};

template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : v_(std::move(value)) {}
  result(strike::error e) : v_(std::move(e)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const strike::error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, strike::error> v_;
};

template <>
class [[nodiscard]] result<void> {
 public:
  result() = default;
  result(strike::error e) : e_(std::move(e)), failed_(true) {}

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const strike::error& error() const {
    assert(failed_);
    return e_;
  }

 private:
  strike::error e_;
  bool failed_ = false;
};

using status = result<void>;

// An error carrying errno's current value, with context: "open(/x/events.jsonl): No such file".
inline error errno_error(std::string what, int err) {
  std::error_code code(err, std::system_category());
  return error{std::move(what) + ": " + code.message(), code};
}

}  // namespace strike
