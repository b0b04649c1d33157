#include "core/strategy/params.hpp"

namespace strike::core::strategy {

const params::value* params::find(std::string_view key) {
  read_.emplace(key);
  auto it = values_.find(std::string(key));
  return it == values_.end() ? nullptr : &it->second;
}

double params::number(std::string_view key, double fallback, double min, double max) {
  const value* v = find(key);
  if (!v) return fallback;
  double x;
  if (const auto* d = std::get_if<double>(v))
    x = *d;
  else if (const auto* i = std::get_if<std::int64_t>(v))
    x = static_cast<double>(*i);
  else {
    problems_.push_back(std::string(key) + ": expected a number");
    return fallback;
  }
  if (x < min || x > max) {
    problems_.push_back(std::string(key) + ": " + std::to_string(x) + " is out of range [" +
                        std::to_string(min) + ", " + std::to_string(max) + "]");
    return fallback;
  }
  return x;
}

std::int64_t params::integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                             std::int64_t max) {
  const value* v = find(key);
  if (!v) return fallback;
  const auto* i = std::get_if<std::int64_t>(v);
  if (!i) {
    problems_.push_back(std::string(key) + ": expected an integer");
    return fallback;
  }
  if (*i < min || *i > max) {
    problems_.push_back(std::string(key) + ": " + std::to_string(*i) + " is out of range [" +
                        std::to_string(min) + ", " + std::to_string(max) + "]");
    return fallback;
  }
  return *i;
}

bool params::boolean(std::string_view key, bool fallback) {
  const value* v = find(key);
  if (!v) return fallback;
  if (const auto* b = std::get_if<bool>(v)) return *b;
  problems_.push_back(std::string(key) + ": expected true or false");
  return fallback;
}

std::string params::text(std::string_view key, std::string fallback) {
  const value* v = find(key);
  if (!v) return fallback;
  if (const auto* s = std::get_if<std::string>(v)) return *s;
  problems_.push_back(std::string(key) + ": expected a string");
  return fallback;
}

int params::time_of_day(std::string_view key, int fallback_minutes) {
  const value* v = find(key);
  if (!v) return fallback_minutes;
  const auto* s = std::get_if<std::string>(v);
  if (s && s->size() == 5 && (*s)[2] == ':') {
    const int h = ((*s)[0] - '0') * 10 + ((*s)[1] - '0');
    const int m = ((*s)[3] - '0') * 10 + ((*s)[4] - '0');
    if (h >= 0 && h < 24 && m >= 0 && m < 60) return h * 60 + m;
  }
  problems_.push_back(std::string(key) + ": expected a time of day \"HH:MM\"");
  return fallback_minutes;
}

void params::finish() {
  for (const auto& [k, v] : values_)
    if (!read_.count(k) && !optional_.count(k)) problems_.push_back(k + ": unknown parameter");
}

}  // namespace strike::core::strategy
