#include "daemon/commands/args.hpp"

#include <charconv>
#include <cstdlib>

namespace strike::daemon {

std::optional<std::string> args::option(std::string_view name) {
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (used_[i]) continue;
    const std::string& t = tokens_[i];
    if (t == name && i + 1 < tokens_.size()) {
      used_[i] = used_[i + 1] = true;
      return tokens_[i + 1];
    }
    if (t.size() > name.size() && t.compare(0, name.size(), name) == 0 && t[name.size()] == '=') {
      used_[i] = true;
      return t.substr(name.size() + 1);
    }
  }
  return std::nullopt;
}

bool args::flag(std::string_view name) {
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (!used_[i] && tokens_[i] == name) {
      used_[i] = true;
      return true;
    }
  }
  return false;
}

std::vector<std::string> args::positionals() {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (used_[i] || (tokens_[i].size() > 1 && tokens_[i][0] == '-')) continue;
    used_[i] = true;
    out.push_back(tokens_[i]);
  }
  return out;
}

std::optional<std::string> args::unused() const {
  for (std::size_t i = 0; i < tokens_.size(); ++i)
    if (!used_[i]) return tokens_[i];
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  double value = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || value < 0) return std::nullopt;
  const std::string_view unit(p, static_cast<std::size_t>(text.data() + text.size() - p));
  double ms = 0;
  if (unit.empty() || unit == "s") ms = value * 1000;
  else if (unit == "ms") ms = value;
  else if (unit == "m") ms = value * 60'000;
  else if (unit == "h") ms = value * 3'600'000;
  else return std::nullopt;
  return std::chrono::milliseconds(static_cast<std::int64_t>(ms));
}

std::optional<int> whole_number(const std::string& text, int low, int high) {
  char* end = nullptr;
  const long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < low || v > high) return std::nullopt;
  return static_cast<int>(v);
}

}  // namespace strike::daemon
