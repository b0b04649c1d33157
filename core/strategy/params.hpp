// A strategy's parameters as the config gives them ([strategy.params]), read strictly by the
// strategy itself: each strategy knows its keys and defaults; the core knows none.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace strike::core::strategy {

class params {
 public:
  using value = std::variant<std::int64_t, double, bool, std::string>;

  params() = default;
  explicit params(std::map<std::string, value> values) : values_(std::move(values)) {}

  double number(std::string_view key, double fallback, double min, double max);
  std::int64_t integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max);
  bool boolean(std::string_view key, bool fallback);
  std::string text(std::string_view key, std::string fallback);
  // "HH:MM" as minutes after midnight.
  int time_of_day(std::string_view key, int fallback_minutes);

  // Records a problem with a key's value that the typed readers cannot see.
  void fail(std::string_view key, const std::string& message) {
    problems_.push_back(std::string(key) + ": " + message);
  }

  // A value the strategy may read but need not (the instance's underlying, which not every
  // strategy has a use for): ignored when the config gives the key itself, never "unknown".
  void offer(const std::string& key, value v) {
    if (values_.emplace(key, std::move(v)).second) optional_.insert(key);
  }

  // Records keys nobody read as problems. Call after reading every key.
  void finish();
  // "key: message" for every problem found; empty when the parameters are good.
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  const value* find(std::string_view key);

  std::map<std::string, value> values_;
  std::set<std::string, std::less<>> read_;
  std::set<std::string, std::less<>> optional_;
  std::vector<std::string> problems_;
};

}  // namespace strike::core::strategy
