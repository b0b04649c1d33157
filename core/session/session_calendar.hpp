// The NSE session calendar in IST: which days trade, when each phase of a day begins, and the
// weekly expiry. Pure: the holiday list and the rules come in as data.
#pragma once

#include <cstdint>
#include <vector>

#include "core/ist.hpp"
#include "core/session/expiry_rules.hpp"
#include "core/session/session_hours.hpp"
#include "core/session/trading_calendar.hpp"

namespace strike::core {

// One IST date's session times as UTC nanoseconds (computed even when the day does not trade).
struct day_schedule {
  civil_date date;
  bool trading = false;
  std::int64_t pre_open_ns = 0;
  std::int64_t open_ns = 0;
  std::int64_t entry_start_ns = 0;
  std::int64_t entry_end_ns = 0;
  std::int64_t eod_exit_ns = 0;
  std::int64_t close_ns = 0;
};

enum class session_phase { closed, pre_open, open };

class session_calendar {
 public:
  // hours must pass check(); expiry_rules must be non-empty (see merge_expiry_rules).
  session_calendar(trading_calendar days, session_hours hours,
                   std::vector<expiry_rule> expiry_rules);

  const trading_calendar& days() const { return days_; }
  const session_hours& hours() const { return hours_; }
  const std::vector<expiry_rule>& expiry_rules() const { return rules_; }

  bool is_trading_day(civil_date d) const { return days_.is_trading_day(d); }
  day_schedule schedule(civil_date d) const;
  // The exchange phase at a UTC instant (our entry window is not a phase: see schedule()).
  session_phase phase_at(std::int64_t utc_ns) const;

  // The weekly expiry on or after d: the first nominal expiry date >= d under the rule in force
  // for it, moved to the previous trading day when it is a holiday, and skipped when that move
  // lands before d. The expiry day itself is "on or after" (0 days to expiry).
  civil_date next_weekly_expiry(civil_date d) const;
  // Calendar days from d to next_weekly_expiry(d).
  std::int64_t days_to_expiry(civil_date d) const;
  // Trading days after d up to and including the expiry (0 on the expiry day).
  std::int64_t trading_days_to_expiry(civil_date d) const;

 private:
  trading_calendar days_;
  session_hours hours_;
  std::vector<expiry_rule> rules_;
};

}  // namespace strike::core
