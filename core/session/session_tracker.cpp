#include "core/session/session_tracker.hpp"

#include <algorithm>

namespace strike::core {
namespace ev = strike::events;

namespace {

void add_day(const session_calendar& cal, civil_date d, std::vector<session_transition>& out) {
  const day_schedule s = cal.schedule(d);
  const std::string date = format_date(d);
  const civil_date expiry = cal.next_weekly_expiry(d);
  out.push_back({s.pre_open_ns, ev::session_pre_open{date, s.open_ns}});
  out.push_back({s.open_ns,
                 ev::session_opened{date, s.close_ns, format_date(expiry), cal.days_to_expiry(d)}});
  out.push_back({s.entry_start_ns, ev::entry_window_changed{date, true}});
  out.push_back({s.entry_end_ns, ev::entry_window_changed{date, false}});
  out.push_back({s.eod_exit_ns, ev::end_of_day_exit{date, 0}});
  out.push_back(
      {s.close_ns, ev::session_closed{date, format_date(cal.days().next_trading_day(d))}});
}

}  // namespace

std::vector<session_transition> session_transitions(const session_calendar& calendar,
                                                    std::int64_t from_ns, std::int64_t to_ns) {
  std::vector<session_transition> out;
  if (to_ns <= from_ns) return out;
  from_ns = std::max(from_ns, to_ns - max_span_days * ns_per_day);
  // Every transition lies within its IST date, so the dates spanned are all that matter.
  const std::int64_t first = days_from_civil(ist_date(from_ns));
  const std::int64_t last = days_from_civil(ist_date(to_ns));
  for (std::int64_t day = first; day <= last; ++day) {
    const civil_date d = civil_from_days(day);
    if (!calendar.is_trading_day(d)) continue;
    const std::size_t begin = out.size();
    add_day(calendar, d, out);
    // Keep only this day's transitions inside (from, to]; within a day they are already in
    // time order, and equal instants keep the order add_day wrote them in.
    auto outside = [&](const session_transition& t) {
      return t.at_ns <= from_ns || t.at_ns > to_ns;
    };
    out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(begin), out.end(), outside),
              out.end());
  }
  return out;
}

std::vector<session_transition> session_tracker::advance_to(std::int64_t now_ns) {
  if (now_ns <= checked_ns_) return {};
  if (now_ns < next_ns_) {
    checked_ns_ = now_ns;
    return {};
  }
  auto out = session_transitions(calendar_, checked_ns_, now_ns);
  checked_ns_ = now_ns;
  // The next instant anything happens: within the coming week (the longest span one look
  // covers), or a look again in a day.
  const auto ahead = session_transitions(calendar_, now_ns, now_ns + max_span_days * ns_per_day);
  next_ns_ = ahead.empty() ? now_ns + ns_per_day : ahead.front().at_ns;
  return out;
}

}  // namespace strike::core
