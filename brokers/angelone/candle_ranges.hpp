// getCandleData serves at most a fixed number of days per request, depending on the interval
// (30 days of one-minute candles, 2000 of daily ones). Longer ranges are split into pieces
// that each fit, fetched, then merged: sorted, de-duplicated where pieces overlap, trimmed to
// the range asked for, and checked.
#pragma once

#include <cstdint>
#include <vector>

#include "brokers/broker_types.hpp"
#include "base/result.hpp"

namespace strike::brokers::angelone {

struct time_range {
  std::int64_t from_ns = 0;  // inclusive
  std::int64_t to_ns = 0;    // inclusive
  bool operator==(const time_range&) const = default;
};

// Consecutive pieces covering [from_ns, to_ns], each at most max_days long. Empty when the
// range is empty (to < from).
std::vector<time_range> split_candle_range(std::int64_t from_ns, std::int64_t to_ns, int max_days);

// Merges the pieces' candles. An error (bad_response) when a candle is impossible: high below
// open, close or low; low above them; a negative price or volume.
result<std::vector<candle>> merge_candles(std::vector<std::vector<candle>> pieces,
                                          std::int64_t from_ns, std::int64_t to_ns);

}  // namespace strike::brokers::angelone
