// Historical candles from the price path, as getCandleData serves them: buckets aligned to
// the 09:15 session open (daily candles stamped 00:00), labelled by their start, the bucket
// still forming at `now` included with the prices so far.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/market.hpp"

namespace strike::sim {

struct candle_interval {
  std::string_view name;
  std::int64_t seconds;  // 0 = one session (ONE_DAY)
  int max_days;          // the documented maximum span of one request
};
std::optional<candle_interval> interval_named(std::string_view name);

struct candle {
  std::int64_t start_ns = 0;  // IST-aligned start (00:00 IST for daily candles)
  std::int64_t open = 0, high = 0, low = 0, close = 0;  // paise
  std::int64_t volume = 0;
};

// Candles of inst whose start lies in [from_ns, to_ns] and before now_ns.
std::vector<candle> make_candles(market& m, const instrument& inst, const candle_interval& iv,
                                 std::int64_t from_ns, std::int64_t to_ns, std::int64_t now_ns);

}  // namespace strike::sim
