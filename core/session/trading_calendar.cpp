#include "core/session/trading_calendar.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cctype>

namespace strike::core {
namespace {

template <class T>
void sort_unique(std::vector<T>& v) {
  std::stable_sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.date < b.date; });
  v.erase(std::unique(v.begin(), v.end(), [](const T& a, const T& b) { return a.date == b.date; }),
          v.end());
}

template <class T>
const T* find_date(const std::vector<T>& v, civil_date d) {
  auto it = std::lower_bound(v.begin(), v.end(), d,
                             [](const T& entry, civil_date key) { return entry.date < key; });
  return it != v.end() && it->date == d ? &*it : nullptr;
}

constexpr std::array<const char*, 7> weekday_names{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};

// No real calendar has a year without a trading day; the bound only stops a corrupt list
// from looping forever.
constexpr int max_search_days = 400;

}  // namespace

trading_calendar::trading_calendar(std::vector<market_holiday> holidays,
                                   std::vector<special_session> special,
                                   std::vector<int> covered_years)
    : holidays_(std::move(holidays)),
      special_(std::move(special)),
      years_(std::move(covered_years)) {
  sort_unique(holidays_);
  sort_unique(special_);
  std::sort(years_.begin(), years_.end());
  years_.erase(std::unique(years_.begin(), years_.end()), years_.end());
}

bool trading_calendar::is_trading_day(civil_date d) const {
  const int wd = weekday(d);
  if (wd == 0 || wd == 6) return special(d) != nullptr;
  return holiday(d) == nullptr;
}

std::string trading_calendar::closed_reason(civil_date d) const {
  if (is_trading_day(d)) return {};
  const int wd = weekday(d);
  if (wd == 0 || wd == 6) return weekday_names[static_cast<std::size_t>(wd)];
  return "holiday: " + holiday(d)->name;
}

civil_date trading_calendar::next_trading_day(civil_date d) const {
  std::int64_t day = days_from_civil(d);
  for (int i = 0; i < max_search_days; ++i) {
    const civil_date c = civil_from_days(++day);
    if (is_trading_day(c)) return c;
  }
  assert(false && "no trading day within a year");
  return civil_from_days(day);
}

civil_date trading_calendar::previous_trading_day(civil_date d) const {
  std::int64_t day = days_from_civil(d);
  for (int i = 0; i < max_search_days; ++i) {
    const civil_date c = civil_from_days(--day);
    if (is_trading_day(c)) return c;
  }
  assert(false && "no trading day within a year");
  return civil_from_days(day);
}

const market_holiday* trading_calendar::holiday(civil_date d) const {
  return find_date(holidays_, d);
}

const special_session* trading_calendar::special(civil_date d) const {
  return find_date(special_, d);
}

bool trading_calendar::covers(civil_date d) const {
  return std::binary_search(years_.begin(), years_.end(), d.year);
}

const char* weekday_name(int wd) {
  return wd >= 0 && wd < 7 ? weekday_names[static_cast<std::size_t>(wd)] : "?";
}

int weekday_from_name(std::string_view name) {
  for (int i = 0; i < 7; ++i) {
    const std::string_view candidate = weekday_names[static_cast<std::size_t>(i)];
    if (candidate.size() != name.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < name.size() && same; ++k)
      same = std::tolower(static_cast<unsigned char>(name[k])) ==
             std::tolower(static_cast<unsigned char>(candidate[k]));
    if (same) return i;
  }
  return -1;
}

}  // namespace strike::core
