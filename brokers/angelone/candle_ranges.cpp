#include "brokers/angelone/candle_ranges.hpp"

#include <algorithm>

#include "brokers/broker_error.hpp"
#include "core/ist.hpp"

namespace strike::brokers::angelone {

std::vector<time_range> split_candle_range(std::int64_t from_ns, std::int64_t to_ns, int max_days) {
  std::vector<time_range> out;
  if (to_ns < from_ns || max_days <= 0) return out;
  const std::int64_t span = static_cast<std::int64_t>(max_days) * core::ns_per_day;
  // Bounds travel as whole minutes; a piece ends one minute before the next begins.
  for (std::int64_t start = from_ns; start <= to_ns;) {
    const std::int64_t end = std::min(to_ns, start + span - core::ns_per_minute);
    out.push_back({start, end});
    if (end >= to_ns) break;
    start = end + core::ns_per_minute;
  }
  return out;
}

result<std::vector<candle>> merge_candles(std::vector<std::vector<candle>> pieces,
                                          std::int64_t from_ns, std::int64_t to_ns) {
  std::vector<candle> all;
  for (auto& p : pieces) all.insert(all.end(), p.begin(), p.end());
  // Stable, so where pieces overlap the later piece's candle comes last and is kept.
  std::stable_sort(all.begin(), all.end(),
                   [](const candle& a, const candle& b) { return a.open_ns < b.open_ns; });
  std::vector<candle> out;
  out.reserve(all.size());
  for (const auto& c : all) {
    if (c.open_ns < from_ns || c.open_ns > to_ns) continue;
    const bool sane = c.open_paise >= 0 && c.close_paise >= 0 && c.low_paise >= 0 &&
                      c.volume >= 0 && c.high_paise >= std::max({c.open_paise, c.close_paise, c.low_paise}) &&
                      c.low_paise <= std::min(c.open_paise, c.close_paise);
    if (!sane)
      return broker_error(events::failure_kind::bad_response,
                          "getCandleData: impossible candle at " + core::format_ist(c.open_ns));
    if (!out.empty() && out.back().open_ns == c.open_ns) out.back() = c;
    else out.push_back(c);
  }
  return out;
}

}  // namespace strike::brokers::angelone
