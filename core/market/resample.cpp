#include "core/market/resample.hpp"

#include "core/market/bar_merger.hpp"

namespace strike::core::market {

result<std::vector<bar>> resample(std::span<const bar> bars, bar_period from, bar_period to,
                                  const bar_grid& grid) {
  if (from == to || !from.divides(to))
    return error{"cannot resample " + from.name() + " candles to " + to.name() +
                 ": the target must be coarser and a " + "whole number of " + from.name() +
                 " bars"};
  std::vector<bar> out;
  bar_merger merger;
  std::int64_t window_start = 0;
  for (const bar& b : bars) {
    const auto w = grid.window_of(to, b.start_ns);
    if (!w) return error{"a " + from.name() + " candle outside the session cannot be resampled"};
    if (!merger.empty() && w->start_ns != window_start) {
      out.push_back(merger.result());
      merger.reset(w->start_ns);
    } else if (merger.empty()) {
      merger.reset(w->start_ns);
    }
    window_start = w->start_ns;
    merger.add(b);
  }
  if (!merger.empty()) out.push_back(merger.result());
  return out;
}

}  // namespace strike::core::market
