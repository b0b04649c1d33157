#include "daemon/toml_reader.hpp"

#include <toml++/toml.h>

namespace strike::daemon {

toml_reader::toml_reader(const toml::table* table, std::string section, std::string file,
                         std::vector<std::string>& errors)
    : table_(table), section_(std::move(section)), file_(std::move(file)), errors_(errors) {}

std::string toml_reader::name(std::string_view key) const {
  return section_.empty() ? std::string(key) : section_ + "." + std::string(key);
}

std::string toml_reader::where(const toml::node* node) const {
  const auto& src = node ? node->source() : table_ ? table_->source() : toml::source_region{};
  return file_ + ":" + std::to_string(src.begin.line) + ":" + std::to_string(src.begin.column);
}

void toml_reader::fail(std::string_view key, const std::string& message) {
  const toml::node* node = table_ ? table_->get(key) : nullptr;
  errors_.push_back(where(node) + ": " + name(key) + ": " + message);
}

const toml::node* toml_reader::lookup(std::string_view key) {
  read_.emplace(key);
  return table_ ? table_->get(key) : nullptr;
}

bool toml_reader::has(std::string_view key) const {
  return table_ && table_->contains(key);
}

std::vector<std::string> toml_reader::keys() const {
  std::vector<std::string> out;
  if (table_)
    for (const auto& [key, node] : *table_) out.emplace_back(key.str());
  return out;
}

std::string toml_reader::text(std::string_view key, std::string fallback) {
  const auto* node = lookup(key);
  if (!node) return fallback;
  if (auto v = node->value<std::string>()) return *v;
  fail(key, "expected a string");
  return fallback;
}

std::string toml_reader::one_of(std::string_view key, std::string fallback,
                                std::initializer_list<std::string_view> allowed) {
  const bool present = has(key);
  std::string v = text(key, fallback);
  for (auto a : allowed)
    if (a == v) return v;
  if (present) {
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    fail(key, "'" + v + "' is not one of: " + list);
  }
  return fallback;
}

std::int64_t toml_reader::integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                                  std::int64_t max) {
  const auto* node = lookup(key);
  if (!node) return fallback;
  auto v = node->value_exact<std::int64_t>();
  if (!v) {
    fail(key, "expected an integer");
    return fallback;
  }
  if (*v < min || *v > max) {
    fail(key, std::to_string(*v) + " is out of range [" + std::to_string(min) + ", " +
                  std::to_string(max) + "]");
    return fallback;
  }
  return *v;
}

double toml_reader::number(std::string_view key, double fallback, double min, double max) {
  const auto* node = lookup(key);
  if (!node) return fallback;
  auto v = node->value<double>();  // integers are accepted as numbers
  if (!v || !(node->is_floating_point() || node->is_integer())) {
    fail(key, "expected a number");
    return fallback;
  }
  if (*v < min || *v > max) {
    fail(key, std::to_string(*v) + " is out of range [" + std::to_string(min) + ", " +
                  std::to_string(max) + "]");
    return fallback;
  }
  return *v;
}

bool toml_reader::boolean(std::string_view key, bool fallback) {
  const auto* node = lookup(key);
  if (!node) return fallback;
  if (auto v = node->value_exact<bool>()) return *v;
  fail(key, "expected true or false");
  return fallback;
}

int toml_reader::time_of_day(std::string_view key, int fallback_minutes) {
  const bool present = has(key);
  const std::string v = text(key, "");
  if (!present) return fallback_minutes;
  if (v.size() == 5 && v[2] == ':' && std::isdigit(static_cast<unsigned char>(v[0])) &&
      std::isdigit(static_cast<unsigned char>(v[1])) &&
      std::isdigit(static_cast<unsigned char>(v[3])) &&
      std::isdigit(static_cast<unsigned char>(v[4]))) {
    const int h = (v[0] - '0') * 10 + (v[1] - '0');
    const int m = (v[3] - '0') * 10 + (v[4] - '0');
    if (h < 24 && m < 60) return h * 60 + m;
  }
  fail(key, "'" + v + "' is not a time of day HH:MM");
  return fallback_minutes;
}

std::filesystem::path toml_reader::path(std::string_view key, std::filesystem::path fallback) {
  std::filesystem::path p = text(key, fallback.string());
  if (p.empty() || p.is_absolute()) return p;
  return std::filesystem::absolute(std::filesystem::path(file_).parent_path() / p)
      .lexically_normal();
}

std::vector<std::string> toml_reader::text_list(std::string_view key,
                                                std::vector<std::string> fallback) {
  const auto* node = lookup(key);
  if (!node) return fallback;
  const auto* arr = node->as_array();
  if (!arr) {
    fail(key, "expected an array of strings");
    return fallback;
  }
  std::vector<std::string> out;
  for (const auto& item : *arr) {
    auto v = item.value<std::string>();
    if (!v) {
      errors_.push_back(where(&item) + ": " + name(key) + ": expected strings only");
      return fallback;
    }
    out.push_back(*v);
  }
  return out;
}

std::vector<double> toml_reader::number_list(std::string_view key, std::vector<double> fallback,
                                             double min, double max) {
  const auto* node = lookup(key);
  if (!node) return fallback;
  const auto* arr = node->as_array();
  if (!arr || arr->empty()) {
    fail(key, "expected a non-empty array of numbers");
    return fallback;
  }
  std::vector<double> out;
  for (const auto& item : *arr) {
    auto v = item.value<double>();
    if (!v || !(item.is_floating_point() || item.is_integer()) || *v < min || *v > max) {
      errors_.push_back(where(&item) + ": " + name(key) + ": expected numbers in [" +
                        std::to_string(min) + ", " + std::to_string(max) + "]");
      return fallback;
    }
    out.push_back(*v);
  }
  return out;
}

toml_reader toml_reader::table(std::string_view key) {
  const auto* node = lookup(key);
  const toml::table* t = node ? node->as_table() : nullptr;
  if (node && !t) fail(key, "expected a table");
  return toml_reader(t, name(key), file_, errors_);
}

const toml::table* toml_reader::raw_table(std::string_view key) {
  const auto* node = lookup(key);
  if (!node) return nullptr;
  if (const auto* t = node->as_table()) return t;
  fail(key, "expected a table");
  return nullptr;
}

std::vector<toml_reader> toml_reader::table_array(std::string_view key) {
  std::vector<toml_reader> out;
  const auto* node = lookup(key);
  if (!node) return out;
  const auto* arr = node->as_array();
  if (!arr || !arr->is_array_of_tables()) {
    fail(key, "expected an array of tables ([[" + name(key) + "]])");
    return out;
  }
  for (std::size_t i = 0; i < arr->size(); ++i)
    out.emplace_back(arr->get(i)->as_table(), name(key) + "[" + std::to_string(i) + "]", file_,
                     errors_);
  return out;
}

void toml_reader::finish() {
  if (!table_) return;
  for (const auto& [k, v] : *table_) {
    if (read_.count(k.str())) continue;
    const auto& src = k.source();
    errors_.push_back(file_ + ":" + std::to_string(src.begin.line) + ":" +
                      std::to_string(src.begin.column) + ": unknown key '" + name(k.str()) + "'");
  }
}

}  // namespace strike::daemon
