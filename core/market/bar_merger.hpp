// Folds finer bars into one coarser bar. The order of arrival does not matter: open comes from
// the earliest finer bar, close and open interest from the latest, high and low are the extremes
// and volume the sum. So a backfilled minute can join a bar after later minutes have.
#pragma once

#include <cstdint>
#include <span>

#include "core/market/bar.hpp"

namespace strike::core::market {

class bar_merger {
 public:
  // Starts a new coarser bar for the window starting at start_ns.
  void reset(std::int64_t start_ns);
  void add(const bar& fine);
  bool empty() const { return empty_; }
  // The coarser bar so far; meaningful when !empty().
  const bar& result() const { return acc_; }

 private:
  bar acc_;
  std::int64_t first_start_ = 0;
  std::int64_t last_start_ = 0;
  bool empty_ = true;
};

// The coarser bar starting at start_ns made of `fine` (any order). fine must not be empty.
bar aggregate(std::int64_t start_ns, std::span<const bar> fine);

}  // namespace strike::core::market
