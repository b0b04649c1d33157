#include "core/market/minute_recorder.hpp"

#include <algorithm>

namespace strike::core::market {

void minute_recorder::on_tick(const std::string& instrument, const tick& t) {
  const auto window = grid_.window_of(bar_period::of_minutes(1), t.ts_ns);
  if (!window || t.price <= 0) return;
  auto& s = series_[instrument];
  // Volume is the day's cumulative count: a minute's share is the rise since the last tick.
  const std::int64_t traded =
      s.last_day_volume < 0 ? 0 : std::max<std::int64_t>(t.day_volume - s.last_day_volume, 0);
  s.last_day_volume = std::max(s.last_day_volume, t.day_volume);
  if (window->start_ns < s.handed_until_ns) return;  // its minute is in the record already
  if (s.has_open && s.open.start_ns != window->start_ns) hand_on(instrument, s);
  if (!s.has_open) {
    s.open = {window->start_ns, t.price, t.price, t.price, t.price, traded, t.oi};
    s.has_open = true;
    return;
  }
  s.open.high = std::max(s.open.high, t.price);
  s.open.low = std::min(s.open.low, t.price);
  s.open.close = t.price;
  s.open.volume += traded;
  if (t.oi > 0) s.open.oi = t.oi;
}

void minute_recorder::on_time(std::int64_t now_ns) {
  for (auto& [instrument, s] : series_)
    if (s.has_open && now_ns >= s.open.start_ns + ns_per_minute + grace_ns_) hand_on(instrument, s);
}

void minute_recorder::hand_on(const std::string& instrument, series& s) {
  s.has_open = false;
  s.handed_until_ns = s.open.start_ns + ns_per_minute;
  out_(instrument, s.open);
}

}  // namespace strike::core::market
