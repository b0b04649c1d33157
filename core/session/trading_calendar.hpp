// Which IST dates the NSE trades: Monday to Friday, minus the exchange's trading holidays, plus
// the rare special sessions on a weekend (e.g. Budget day, Saturday 1 Feb 2025). The lists are
// data: the daemon loads them from the holidays file (daemon/holidays_file.hpp); this class only
// answers questions about them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/ist.hpp"

namespace strike::core {

struct market_holiday {
  civil_date date;
  std::string name;  // "Diwali Laxmi Pujan"
  bool operator==(const market_holiday&) const = default;
};

// A weekend day with a normal trading session.
struct special_session {
  civil_date date;
  std::string name;  // "Union Budget"
  bool operator==(const special_session&) const = default;
};

class trading_calendar {
 public:
  // Weekends only: no holidays known.
  trading_calendar() = default;
  // Duplicates are merged; order does not matter. covered_years lists the years whose holiday
  // lists are complete (a date in another year is answered from weekends alone).
  trading_calendar(std::vector<market_holiday> holidays, std::vector<special_session> special,
                   std::vector<int> covered_years);

  bool is_trading_day(civil_date d) const;
  // Why d has no session: "Saturday", "Sunday" or "holiday: <name>"; empty on a trading day.
  std::string closed_reason(civil_date d) const;
  // The nearest trading day strictly after / before d.
  civil_date next_trading_day(civil_date d) const;
  civil_date previous_trading_day(civil_date d) const;

  // The holiday on d, or null.
  const market_holiday* holiday(civil_date d) const;
  // The special session on d, or null.
  const special_session* special(civil_date d) const;
  // Whether d's year has a complete holiday list.
  bool covers(civil_date d) const;

  std::span<const market_holiday> holidays() const { return holidays_; }
  std::span<const special_session> special_sessions() const { return special_; }
  std::span<const int> covered_years() const { return years_; }

 private:
  std::vector<market_holiday> holidays_;  // sorted by date, unique
  std::vector<special_session> special_;  // sorted by date, unique
  std::vector<int> years_;                // sorted, unique
};

// "Monday" for 1 (0 = Sunday ... 6 = Saturday).
const char* weekday_name(int weekday);
// 0..6 for "sunday".."saturday" (any case), -1 otherwise.
int weekday_from_name(std::string_view name);

}  // namespace strike::core
