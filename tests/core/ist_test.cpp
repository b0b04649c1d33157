#include <doctest/doctest.h>

#include "core/ist.hpp"

using namespace strike::core;

TEST_CASE("civil dates convert to days and back across eras") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2000, 3, 1}) == 11017);
  for (std::int64_t d = -800000; d < 800000; d += 997) CHECK(days_from_civil(civil_from_days(d)) == d);
  CHECK(weekday({2026, 11, 22}) == 0);  // a Sunday
  CHECK(weekday({2025, 9, 9}) == 2);    // a Tuesday
}

TEST_CASE("IST is UTC+05:30 on both sides of midnight") {
  const auto t = ist_time_ns({2026, 1, 6}, 9 * 60 + 15);
  CHECK(t == 1'767'671'100'000'000'000);
  CHECK(ist_date(t) == civil_date{2026, 1, 6});
  CHECK(ist_minute_of_day(t) == 555);
  // 20:00 UTC on the 5th is 01:30 IST on the 6th.
  const auto late = days_from_civil({2026, 1, 5}) * ns_per_day + 20 * 60 * ns_per_minute;
  CHECK(ist_date(late) == civil_date{2026, 1, 6});
  CHECK(ist_minute_of_day(late) == 90);
  CHECK(format_ist(t) == "2026-01-06T09:15:00.000+05:30");
}

TEST_CASE("dates parse strictly") {
  CHECK(parse_date("2026-02-28") == civil_date{2026, 2, 28});
  CHECK_FALSE(parse_date("2026-02-29").has_value());
  CHECK(parse_date("2028-02-29").has_value());
  CHECK_FALSE(parse_date("2026-13-01").has_value());
  CHECK_FALSE(parse_date("2026-1-01").has_value());
  CHECK(format_date({2026, 3, 4}) == "2026-03-04");
}
