// Resampling candles to a coarser period on the same 09:15-anchored grid: each coarser bar is
// the merge (bar_merger) of the finer bars whose starts fall in its window, so resampling 1m
// candles gives exactly the bars the live engine builds from the same minutes.
#pragma once

#include <span>
#include <vector>

#include "core/market/bar.hpp"
#include "core/market/bar_grid.hpp"
#include "base/result.hpp"

namespace strike::core::market {

// bars: period `from`, in start order. `to` must be coarser than `from`, and `from` must divide
// it (5m -> 15m yes, 10m -> 15m no). A window with no finer bar has no coarser bar.
result<std::vector<bar>> resample(std::span<const bar> bars, bar_period from, bar_period to,
                                  const bar_grid& grid = {});

}  // namespace strike::core::market
