#include "core/session/session_calendar.hpp"

#include <cassert>

namespace strike::core {

session_calendar::session_calendar(trading_calendar days, session_hours hours,
                                   std::vector<expiry_rule> expiry_rules)
    : days_(std::move(days)),
      hours_(hours),
      rules_(merge_expiry_rules(std::move(expiry_rules), {})) {
  assert(check(hours_).empty());
  assert(!rules_.empty());
}

day_schedule session_calendar::schedule(civil_date d) const {
  return {d,
          days_.is_trading_day(d),
          ist_time_ns(d, hours_.pre_open),
          ist_time_ns(d, hours_.open),
          ist_time_ns(d, hours_.entry_start),
          ist_time_ns(d, hours_.entry_end),
          ist_time_ns(d, hours_.eod_exit),
          ist_time_ns(d, hours_.close)};
}

session_phase session_calendar::phase_at(std::int64_t utc_ns) const {
  const civil_date d = ist_date(utc_ns);
  if (!days_.is_trading_day(d)) return session_phase::closed;
  const day_schedule s = schedule(d);
  if (utc_ns >= s.open_ns && utc_ns < s.close_ns) return session_phase::open;
  if (utc_ns >= s.pre_open_ns && utc_ns < s.open_ns) return session_phase::pre_open;
  return session_phase::closed;
}

civil_date session_calendar::next_weekly_expiry(civil_date d) const {
  const std::int64_t first = days_from_civil(d);
  // A holiday can pull a nominal expiry back before d, so look a little past one week.
  for (std::int64_t day = first; day < first + 40; ++day) {
    const civil_date nominal = civil_from_days(day);
    if (weekday(nominal) != expiry_weekday_on(rules_, nominal)) continue;
    const civil_date actual =
        days_.is_trading_day(nominal) ? nominal : days_.previous_trading_day(nominal);
    if (actual >= d) return actual;
  }
  assert(false && "no weekly expiry within 40 days");
  return d;
}

std::int64_t session_calendar::days_to_expiry(civil_date d) const {
  return days_from_civil(next_weekly_expiry(d)) - days_from_civil(d);
}

std::int64_t session_calendar::trading_days_to_expiry(civil_date d) const {
  const civil_date expiry = next_weekly_expiry(d);
  std::int64_t n = 0;
  for (civil_date c = d; c < expiry; c = days_.next_trading_day(c)) ++n;
  return n;
}

}  // namespace strike::core
