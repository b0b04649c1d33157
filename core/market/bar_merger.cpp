#include "core/market/bar_merger.hpp"

#include <algorithm>
#include <cassert>

namespace strike::core::market {

void bar_merger::reset(std::int64_t start_ns) {
  acc_ = bar{};
  acc_.start_ns = start_ns;
  empty_ = true;
}

void bar_merger::add(const bar& fine) {
  if (empty_) {
    const std::int64_t start = acc_.start_ns;
    acc_ = fine;
    acc_.start_ns = start;
    first_start_ = last_start_ = fine.start_ns;
    empty_ = false;
    return;
  }
  if (fine.start_ns < first_start_) {
    first_start_ = fine.start_ns;
    acc_.open = fine.open;
  }
  if (fine.start_ns >= last_start_) {
    last_start_ = fine.start_ns;
    acc_.close = fine.close;
    acc_.oi = fine.oi;
  }
  acc_.high = std::max(acc_.high, fine.high);
  acc_.low = std::min(acc_.low, fine.low);
  acc_.volume += fine.volume;
}

bar aggregate(std::int64_t start_ns, std::span<const bar> fine) {
  assert(!fine.empty());
  bar_merger m;
  m.reset(start_ns);
  for (const auto& b : fine) m.add(b);
  return m.result();
}

}  // namespace strike::core::market
