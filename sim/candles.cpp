#include "sim/candles.hpp"

#include <algorithm>
#include <cmath>

#include "core/clock.hpp"
#include "core/ist.hpp"

namespace strike::sim {

std::optional<candle_interval> interval_named(std::string_view name) {
  static constexpr candle_interval table[] = {
      {"ONE_MINUTE", 60, 30},   {"THREE_MINUTE", 180, 60},    {"FIVE_MINUTE", 300, 100},
      {"TEN_MINUTE", 600, 100}, {"FIFTEEN_MINUTE", 900, 200}, {"THIRTY_MINUTE", 1800, 200},
      {"ONE_HOUR", 3600, 400},  {"ONE_DAY", 0, 2000},
  };
  for (const auto& iv : table)
    if (iv.name == name) return iv;
  return std::nullopt;
}

namespace {

// Price of inst at second k of the session of d, in paise.
std::int64_t price_at(market& m, const instrument& inst, const std::vector<double>* levels,
                      std::int64_t open_ns, std::int64_t k) {
  const std::int64_t t = open_ns + k * core::ns_per_s;
  if (levels != nullptr) {
    return std::llround((*levels)[static_cast<std::size_t>(k)] *
                        m.path().overlay(inst.underlying, t) * 100.0);
  }
  return m.at(inst, t).ltp;
}

}  // namespace

std::vector<candle> make_candles(market& m, const instrument& inst, const candle_interval& iv,
                                 std::int64_t from_ns, std::int64_t to_ns, std::int64_t now_ns) {
  std::vector<candle> out;
  const std::int64_t last_day = core::days_from_civil(core::ist_date(std::min(to_ns, now_ns)));
  // Options are listed about three months before expiry; no candles before that.
  std::int64_t first_day = core::days_from_civil(core::ist_date(from_ns));
  if (!inst.is_index) first_day = std::max(first_day, core::days_from_civil(inst.expiry_date) - 91);
  // Options are sampled more coarsely on long intervals to bound the pricing work.
  const std::int64_t stride = inst.is_index ? 1 : (iv.seconds == 0 || iv.seconds > 900 ? 15 : 1);
  for (std::int64_t day = first_day; day <= last_day; ++day) {
    const auto d = core::civil_from_days(day);
    if (!m.path().is_session_day(d)) continue;
    if (!inst.is_index && day > core::days_from_civil(inst.expiry_date)) break;
    const std::int64_t open_ns = session_open_ns(d);
    const std::vector<double>* levels =
        inst.is_index ? &m.path().day_levels(inst.underlying, d) : nullptr;
    const std::int64_t bucket_s = iv.seconds == 0 ? session_seconds : iv.seconds;
    for (std::int64_t b = 0; b < session_seconds; b += bucket_s) {
      const std::int64_t start = open_ns + b * core::ns_per_s;
      const std::int64_t label = iv.seconds == 0 ? core::ist_time_ns(d, 0) : start;
      if (iv.seconds == 0 ? (day < core::days_from_civil(core::ist_date(from_ns)))
                          : label < from_ns)
        continue;
      if (label > to_ns || start > now_ns) break;
      const std::int64_t end_k = std::min<std::int64_t>(
          {b + bucket_s, session_seconds, (now_ns - open_ns) / core::ns_per_s + 1});
      candle c;
      c.start_ns = label;
      c.open = c.high = c.low = c.close = price_at(m, inst, levels, open_ns, b);
      for (std::int64_t k = b; k < end_k; k += stride) {
        const auto p = price_at(m, inst, levels, open_ns, k);
        c.high = std::max(c.high, p);
        c.low = std::min(c.low, p);
        c.close = p;
      }
      const auto last = price_at(m, inst, levels, open_ns, end_k - 1);
      c.close = last;
      c.high = std::max(c.high, last);
      c.low = std::min(c.low, last);
      for (std::int64_t k = b; k < end_k; k += 60)
        c.volume += m.minute_volume(inst, open_ns + k * core::ns_per_s);
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace strike::sim
