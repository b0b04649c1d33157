#include "base/failure_probes.hpp"

#include <array>
#include <atomic>
#include <charconv>
#include <cstdlib>
#include <string>

namespace strike::base::probes {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(point::count_)> names{
    "journal.write", "journal.fsync",    "snapshot.write", "order.after_send",
    "reactor.stall", "token_file.write", "bar_file.write"};

std::atomic<bool> any_armed{false};
std::array<std::atomic<long>, static_cast<std::size_t>(point::count_)> countdown{};

}  // namespace

bool hit(point p) {
  if (!any_armed.load(std::memory_order_relaxed)) return false;
  auto& c = countdown[static_cast<std::size_t>(p)];
  long v = c.load();
  if (v <= 0) return false;
  if (v == 1) return true;  // stays at 1: every later hit fails too
  c.fetch_sub(1);
  return false;
}

void arm(point p, long nth) {
  countdown[static_cast<std::size_t>(p)].store(nth);
  any_armed.store(true);
}

void disarm_all() {
  for (auto& c : countdown) c.store(0);
  any_armed.store(false);
}

void arm_from_environment() {
  const char* env = std::getenv("STRIKE_FAILPOINTS");
  if (!env) return;
  std::string_view spec(env);
  while (!spec.empty()) {
    const auto comma = spec.find(',');
    const auto item = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    long nth = 0;
    const auto value = item.substr(eq + 1);
    if (std::from_chars(value.data(), value.data() + value.size(), nth).ec != std::errc{}) continue;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == item.substr(0, eq)) arm(static_cast<point>(i), nth);
  }
}

}  // namespace strike::base::probes
