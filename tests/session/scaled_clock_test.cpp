// The scaled clock with a closed speed: market hours at one speed, nights and weekends at
// another, the same in every process given the same start, speeds and anchor.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>

#include "core/clock.hpp"
#include "core/ist.hpp"

namespace strike::test {
namespace {

constexpr std::int64_t minute_ns = 60 * core::ns_per_s;

std::int64_t wall_now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The real nanoseconds the clock takes to go from `from` to `to`, read through real_ns_until
// on a clock that reads `from` now (an anchor far enough ahead that it has not moved yet). The
// two reads are microseconds apart, which the tolerance of the checks below absorbs.
std::int64_t real_between(std::int64_t from, std::int64_t to, double speed, double closed) {
  const core::scaled_clock clock(from, speed, wall_now_ns() + 3600 * core::ns_per_s, closed);
  return clock.real_ns_until(to) - clock.real_ns_until(from);
}

}  // namespace

TEST_CASE("a closed speed crosses the night fast and the market hours at the day's speed") {
  const core::civil_date friday{2026, 1, 23};
  const std::int64_t fri_1000 = core::ist_time_ns(friday, 10 * 60);
  // 10:00-11:00 on a Friday: market hours, one hour at 900x is 4 s.
  CHECK(real_between(fri_1000, fri_1000 + 60 * minute_ns, 900, 60000) ==
        doctest::Approx(4e9).epsilon(1e-4));
  // 15:45 Friday to 09:00 Monday: 65.25 h, all closed, at 60000x is 3.915 s.
  const std::int64_t fri_close = core::ist_time_ns(friday, 15 * 60 + 45);
  const std::int64_t mon_open = core::ist_time_ns({2026, 1, 26}, 9 * 60);
  CHECK(real_between(fri_close, mon_open, 900, 60000) ==
        doctest::Approx(65.25 * 3600 * 1e9 / 60000).epsilon(1e-4));
  // 15:00 to 16:00 on the Friday straddles the window's end: 45 min at 900x, 15 at 60000x.
  const std::int64_t fri_1500 = core::ist_time_ns(friday, 15 * 60);
  CHECK(real_between(fri_1500, fri_1500 + 60 * minute_ns, 900, 60000) ==
        doctest::Approx(45 * 60e9 / 900 + 15 * 60e9 / 60000).epsilon(1e-4));
  // Without a closed speed the weekend plays at the day's speed.
  CHECK(real_between(fri_close, mon_open, 900, 0) ==
        doctest::Approx(65.25 * 3600 * 1e9 / 900).epsilon(1e-4));
}

TEST_CASE("two clocks with the same start speeds and anchor read the same market time") {
  const std::int64_t start = core::ist_time_ns({2026, 1, 23}, 15 * 60 + 40);
  const std::int64_t anchor = wall_now_ns() - 2 * core::ns_per_s;  // two real seconds ago
  const core::scaled_clock a(start, 900, anchor, 60000);
  const core::scaled_clock b(start, 900, anchor, 60000);
  const std::int64_t ta = a.now_ns();
  const std::int64_t tb = b.now_ns();
  // Each clock pins the anchor to the steady clock when it is made, and the reads come
  // microseconds apart (tens under the sanitizers): at 60000x that is up to seconds of market.
  CHECK(std::llabs(tb - ta) < 60 * core::ns_per_s);
  // Two real seconds from 15:40 Friday: 5 min at 900x take 1/3 s, the rest runs at 60000x.
  const double expected = 5 * 60e9 + (2e9 - 5 * 60e9 / 900) * 60000;
  CHECK(static_cast<double>(ta - start) == doctest::Approx(expected).epsilon(1e-2));
  CHECK(core::ist_date(ta) == core::civil_date{2026, 1, 24});
}

TEST_CASE("real_ns_until a market time is the real time the clock takes to get there") {
  const std::int64_t start = core::ist_time_ns({2026, 1, 23}, 15 * 60 + 44);
  const auto before = std::chrono::steady_clock::now();
  const core::scaled_clock clock(start, 900, 0, 60000);
  const std::int64_t target = core::ist_time_ns({2026, 1, 26}, 9 * 60 + 1);
  const std::int64_t wait = clock.real_ns_until(target);
  // The real time the test itself took (milliseconds on a loaded machine) is already behind.
  const auto spent = static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                             std::chrono::steady_clock::now() - before)
                                             .count());
  // 1 min at 900x, the weekend at 60000x, then 1 min at 900x.
  const double expected = 60e9 / 900 + 65.25 * 3600e9 / 60000 + 60e9 / 900;
  CHECK(static_cast<double>(wait) <= expected + 1e3);
  CHECK(static_cast<double>(wait) >= expected - spent - 1e3);
  CHECK(clock.real_ns_until(start - minute_ns) < 0);
}

}  // namespace strike::test
