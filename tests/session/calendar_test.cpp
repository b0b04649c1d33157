#include <doctest/doctest.h>

#include "core/session/session_calendar.hpp"
#include "daemon/config.hpp"
#include "daemon/holidays_file.hpp"
#include "tests/session/nse_calendar.hpp"

using namespace strike;
using core::civil_date;

namespace {

using test::nse;

civil_date day(int y, int m, int d) {
  return {y, m, d};
}

}  // namespace

TEST_CASE("the built-in holiday list parses and covers 2025 and 2026") {
  const auto days = daemon::default_trading_calendar();
  CHECK(days.covers(day(2025, 6, 1)));
  CHECK(days.covers(day(2026, 6, 1)));
  CHECK_FALSE(days.covers(day(2027, 6, 1)));
  CHECK(days.holidays().size() == 30);  // 14 in 2025, 16 in 2026 (with the 15 Jan election day)
}

TEST_CASE("NSE holidays and weekends are not trading days, with the reason") {
  const auto cal = nse();
  CHECK_FALSE(cal.is_trading_day(day(2025, 10, 21)));
  CHECK(cal.days().closed_reason(day(2025, 10, 21)) == "holiday: Diwali Laxmi Pujan");
  CHECK_FALSE(cal.is_trading_day(day(2026, 3, 3)));
  CHECK_FALSE(cal.is_trading_day(day(2026, 1, 15)));
  CHECK(cal.days().closed_reason(day(2025, 11, 22)) == "Saturday");
  CHECK(cal.days().closed_reason(day(2025, 11, 23)) == "Sunday");
  CHECK(cal.is_trading_day(day(2025, 10, 20)));
  CHECK(cal.days().closed_reason(day(2025, 10, 20)).empty());
}

TEST_CASE("the Budget-day Saturday session of 1 Feb 2025 is a trading day") {
  const auto cal = nse();
  CHECK(cal.is_trading_day(day(2025, 2, 1)));
  CHECK(cal.days().next_trading_day(day(2025, 1, 31)) == day(2025, 2, 1));
  CHECK_FALSE(cal.is_trading_day(day(2025, 2, 8)));
}

TEST_CASE("next and previous trading days step over holidays and weekends") {
  const auto cal = nse();
  // Diwali 2025: Tuesday and Wednesday closed.
  CHECK(cal.days().next_trading_day(day(2025, 10, 20)) == day(2025, 10, 23));
  CHECK(cal.days().previous_trading_day(day(2025, 10, 23)) == day(2025, 10, 20));
  // Good Friday 2026 then a weekend.
  CHECK(cal.days().next_trading_day(day(2026, 4, 2)) == day(2026, 4, 6));
}

TEST_CASE("weekly expiry is Thursday before September 2025") {
  const auto cal = nse();
  CHECK(cal.next_weekly_expiry(day(2025, 1, 6)) == day(2025, 1, 9));
  CHECK(cal.next_weekly_expiry(day(2025, 1, 9)) == day(2025, 1, 9));
  CHECK(cal.days_to_expiry(day(2025, 1, 9)) == 0);
  CHECK(cal.next_weekly_expiry(day(2025, 1, 10)) == day(2025, 1, 16));
  CHECK(cal.next_weekly_expiry(day(2025, 8, 28)) == day(2025, 8, 28));
}

TEST_CASE("weekly expiry moves to Tuesday for contracts expiring on or after 1 Sep 2025") {
  const auto cal = nse();
  // The day after the last Thursday expiry, the next one is Tuesday 2 Sep (not Thursday 4 Sep).
  CHECK(cal.next_weekly_expiry(day(2025, 8, 29)) == day(2025, 9, 2));
  CHECK(cal.days_to_expiry(day(2025, 8, 29)) == 4);
  CHECK(cal.trading_days_to_expiry(day(2025, 8, 29)) == 2);
  CHECK(cal.next_weekly_expiry(day(2025, 9, 3)) == day(2025, 9, 9));
  CHECK(cal.next_weekly_expiry(day(2026, 7, 1)) == day(2026, 7, 7));
}

TEST_CASE("an expiry on a holiday moves to the previous trading day") {
  const auto cal = nse();
  // Thursday rule: Mahavir Jayanti (Thu 10 Apr 2025) and Maharashtra Day (Thu 1 May 2025).
  CHECK(cal.next_weekly_expiry(day(2025, 4, 7)) == day(2025, 4, 9));
  CHECK(cal.next_weekly_expiry(day(2025, 4, 28)) == day(2025, 4, 30));
  // Tuesday rule: Diwali (Tue 21 Oct 2025), Holi (Tue 3 Mar 2026), Mahavir Jayanti
  // (Tue 31 Mar 2026, the monthly expiry), Dussehra (Tue 20 Oct 2026).
  CHECK(cal.next_weekly_expiry(day(2025, 10, 17)) == day(2025, 10, 20));
  CHECK(cal.next_weekly_expiry(day(2026, 2, 27)) == day(2026, 3, 2));
  CHECK(cal.next_weekly_expiry(day(2026, 3, 27)) == day(2026, 3, 30));
  CHECK(cal.next_weekly_expiry(day(2026, 10, 19)) == day(2026, 10, 19));
}

TEST_CASE("on the holiday itself the moved expiry has passed and the next one counts") {
  const auto cal = nse();
  CHECK(cal.next_weekly_expiry(day(2025, 10, 21)) == day(2025, 10, 28));
  CHECK(cal.days_to_expiry(day(2025, 10, 21)) == 7);
  CHECK(cal.trading_days_to_expiry(day(2025, 10, 21)) == 4);  // 23, 24, 27, 28 Oct
}

TEST_CASE("config can add an expiry weekday rule that takes effect from its date") {
  daemon::session_section s;
  s.expiry_weekdays.push_back(*core::parse_expiry_rule("2026-06-01 monday"));
  auto cal = daemon::make_session_calendar(s);
  REQUIRE(cal.ok());
  CHECK(cal->next_weekly_expiry(day(2026, 5, 27)) == day(2026, 6, 1));   // Monday
  CHECK(cal->next_weekly_expiry(day(2026, 5, 20)) == day(2026, 5, 26));  // still Tuesday
  // The same date as a built-in rule replaces it.
  s.expiry_weekdays = {*core::parse_expiry_rule("2025-09-01 wednesday")};
  auto wed = daemon::make_session_calendar(s);
  REQUIRE(wed.ok());
  CHECK(wed->next_weekly_expiry(day(2025, 9, 1)) == day(2025, 9, 3));
}

TEST_CASE("expiry rules parse from 'YYYY-MM-DD weekday' and reject anything else") {
  CHECK(core::parse_expiry_rule("2025-09-01 Tuesday") == core::expiry_rule{day(2025, 9, 1), 2});
  CHECK_FALSE(core::parse_expiry_rule("2025-09-01"));
  CHECK_FALSE(core::parse_expiry_rule("2025-13-01 tuesday"));
  CHECK_FALSE(core::parse_expiry_rule("2025-09-01 tuesdai"));
  CHECK(core::format_expiry_rule({day(2025, 9, 1), 2}) == "2025-09-01 tuesday");
}

TEST_CASE("session times are IST wall times converted to UTC") {
  const auto s = nse().schedule(day(2025, 10, 20));
  CHECK(s.trading);
  CHECK(core::format_ist(s.open_ns) == "2025-10-20T09:15:00.000+05:30");
  CHECK(core::format_ist(s.close_ns) == "2025-10-20T15:30:00.000+05:30");
  CHECK(core::format_ist(s.eod_exit_ns) == "2025-10-20T15:20:00.000+05:30");
  CHECK(s.open_ns - s.pre_open_ns == 15 * core::ns_per_minute);
}

TEST_CASE("the phase follows the clock through a trading day and stays closed on a holiday") {
  const auto cal = nse();
  const auto at = [](civil_date d, int h, int m) { return core::ist_time_ns(d, h * 60 + m); };
  const civil_date d = day(2025, 10, 20);
  CHECK(cal.phase_at(at(d, 8, 59)) == core::session_phase::closed);
  CHECK(cal.phase_at(at(d, 9, 0)) == core::session_phase::pre_open);
  CHECK(cal.phase_at(at(d, 9, 15)) == core::session_phase::open);
  CHECK(cal.phase_at(at(d, 15, 29)) == core::session_phase::open);
  CHECK(cal.phase_at(at(d, 15, 30)) == core::session_phase::closed);
  CHECK(cal.phase_at(at(day(2025, 10, 21), 10, 0)) == core::session_phase::closed);
}

TEST_CASE("session hours out of order are refused with a reason") {
  core::session_hours h;
  CHECK(core::check(h).empty());
  h.entry_end = h.entry_start;
  CHECK(core::check(h) == "entry_end (10:00) must come after entry_start (10:00)");
  h = {};
  h.eod_exit = 15 * 60 + 40;
  CHECK(core::check(h) == "close (15:30) must come at or after eod_exit (15:40)");
}
