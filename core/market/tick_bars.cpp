#include "core/market/tick_bars.hpp"

#include <algorithm>

#include "core/market/bar_checks.hpp"

namespace strike::core::market {

std::int64_t volume_counter::delta(const tick& t) {
  if (t.ts_ns < day_start_ || t.ts_ns >= day_end_) {
    const civil_date d = ist_date(t.ts_ns);
    day_start_ = ist_time_ns(d, 0);
    day_end_ = day_start_ + ns_per_day;
    last_ = t.day_volume;
    const std::int64_t open = grid_.open_ns(d);
    const bool first_minute = t.ts_ns >= open && t.ts_ns < open + ns_per_minute;
    return first_minute ? t.day_volume : 0;
  }
  std::int64_t v = t.day_volume - last_;
  if (v < 0) {
    ++resets_;
    v = t.day_volume;
  }
  last_ = t.day_volume;
  return v;
}

std::optional<bar> tick_bars::close_open() {
  std::optional<bar> out;
  out.swap(open_);
  closed_until_ = std::max(closed_until_, open_end_);
  return out;
}

std::optional<bar> tick_bars::on_time(std::int64_t now_ns) {
  if (open_ && now_ns >= open_end_) return close_open();
  return std::nullopt;
}

tick_outcome tick_bars::on_tick(const tick& t) {
  tick_outcome out;
  if (const bar_fault f = check_tick(t); f != bar_fault::none) {
    out.rejected = reason_code(f);
    out.detail = describe(f, t);
    return out;
  }
  if (last_ && t.ts_ns < last_->ts_ns) {
    out.rejected = "out_of_order";
    out.detail = "tick at " + format_ist(t.ts_ns) + " after one at " + format_ist(last_->ts_ns);
    return out;
  }
  if (last_ && t == *last_) {
    out.rejected = "duplicate";
    out.detail = "same tick again at " + format_ist(t.ts_ns);
    return out;
  }
  if (t.ts_ns < closed_until_) {
    out.rejected = "late";
    out.detail =
        "tick at " + format_ist(t.ts_ns) + " for a bar closed at " + format_ist(closed_until_);
    return out;
  }
  last_ = t;
  const std::int64_t volume = volume_.delta(t);
  if (t.oi > 0) oi_ = t.oi;

  // Most ticks fall in the open bar: no calendar arithmetic for them.
  if (open_ && t.ts_ns < open_end_) {
    open_->high = std::max(open_->high, t.price);
    open_->low = std::min(open_->low, t.price);
    open_->close = t.price;
    open_->volume += volume;
    open_->oi = oi_;
    return out;
  }
  if (open_) out.closed = close_open();  // the tick is past the open bar's end
  const auto w = grid_.window_of(period_, t.ts_ns);
  if (!w) {
    out.outside_session = true;
    return out;
  }
  open_ = bar{w->start_ns, t.price, t.price, t.price, t.price, volume, oi_};
  open_end_ = w->end_ns;
  return out;
}

}  // namespace strike::core::market
