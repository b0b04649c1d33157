#include "brokers/broker_error.hpp"

namespace strike::brokers {
namespace {

class category final : public std::error_category {
 public:
  explicit category(const char* name) : name_(name) {}
  const char* name() const noexcept override { return name_; }
  std::string message(int value) const override {
    const auto& names = events::enum_names<events::failure_kind>::values;
    if (value < 0 || static_cast<std::size_t>(value) >= names.size()) return "unknown";
    return std::string(names[static_cast<std::size_t>(value)]);
  }

 private:
  const char* name_;
};

const std::error_category& unknown_category() {
  static const category instance("broker-unknown-outcome");
  return instance;
}

}  // namespace

const std::error_category& broker_category() {
  static const category instance("broker");
  return instance;
}

std::error_code make_error_code(events::failure_kind kind) {
  return {static_cast<int>(kind), broker_category()};
}

events::failure_kind failure_of(const error& e) {
  if (e.code.category() != broker_category() && e.code.category() != unknown_category())
    return events::failure_kind::bad_response;
  return static_cast<events::failure_kind>(e.code.value());
}

bool is_failure(const error& e, events::failure_kind kind) {
  return (e.code.category() == broker_category() || e.code.category() == unknown_category()) &&
         e.code.value() == static_cast<int>(kind);
}

error unknown_outcome_error(events::failure_kind kind, std::string message) {
  return error{std::move(message), {static_cast<int>(kind), unknown_category()}};
}

bool outcome_unknown(const error& e) { return e.code.category() == unknown_category(); }

error broker_error(events::failure_kind kind, std::string message) {
  return error{std::move(message), make_error_code(kind)};
}

}  // namespace strike::brokers
