#include "brokers/broker_error.hpp"

namespace strike::brokers {
namespace {

class category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "broker"; }
  std::string message(int value) const override {
    const auto& names = events::enum_names<events::failure_kind>::values;
    if (value < 0 || static_cast<std::size_t>(value) >= names.size()) return "unknown";
    return std::string(names[static_cast<std::size_t>(value)]);
  }
};

}  // namespace

const std::error_category& broker_category() {
  static const category instance;
  return instance;
}

std::error_code make_error_code(events::failure_kind kind) {
  return {static_cast<int>(kind), broker_category()};
}

events::failure_kind failure_of(const error& e) {
  if (e.code.category() != broker_category()) return events::failure_kind::bad_response;
  return static_cast<events::failure_kind>(e.code.value());
}

bool is_failure(const error& e, events::failure_kind kind) {
  return e.code.category() == broker_category() && e.code.value() == static_cast<int>(kind);
}

error broker_error(events::failure_kind kind, std::string message) {
  return error{std::move(message), make_error_code(kind)};
}

}  // namespace strike::brokers
