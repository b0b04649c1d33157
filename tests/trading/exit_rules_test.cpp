#include <doctest/doctest.h>

#include "core/trading/exit_rules.hpp"

using namespace strike::core::trading;

namespace {

exit_inputs long_position(std::int64_t entry, const exit_config& c = {}) {
  return {65, entry, initial_stop(c, 65, entry, 5), entry, initial_target(c, 65, entry, 5), false, false, 5};
}

}  // namespace

TEST_CASE("the initial stop is 20 % below entry on the premium, rounded down to the tick") {
  const exit_config c;
  CHECK(initial_stop(c, 65, 10000, 5) == 8000);
  CHECK(initial_stop(c, 65, 10273, 5) == 8215);  // 8218.4 -> 8215
  CHECK(initial_stop(c, -65, 10000, 5) == 12000);
  CHECK(initial_target(c, 65, 10000, 5) == 0);  // no target by default
}

TEST_CASE("a price at the stop exits with stop_loss") {
  const auto p = long_position(10000);
  CHECK(evaluate_exit({}, p, 8005).exit_reason.empty());
  CHECK(evaluate_exit({}, p, 8000).exit_reason == "stop_loss");
  CHECK(evaluate_exit({}, p, 7000).exit_reason == "stop_loss");
}

TEST_CASE("the trailing stop activates at +2 % and trails 1.5 % below the high") {
  auto p = long_position(10000);
  auto v = evaluate_exit({}, p, 10195);
  CHECK_FALSE(v.adjust.has_value());
  v = evaluate_exit({}, p, 10200);
  REQUIRE(v.adjust.has_value());
  CHECK(v.adjust->reason == "trail_activated");
  CHECK(v.adjust->stop_paise == 10045);  // 10200 × 0.985 = 10047 -> 10045
  p.stop_paise = v.adjust->stop_paise;
  p.best_paise = 10200;
  p.trailing = true;

  v = evaluate_exit({}, p, 10400);
  REQUIRE(v.adjust.has_value());
  CHECK(v.adjust->reason == "trail");
  CHECK(v.adjust->stop_paise == 10240);  // 10400 × 0.985 = 10244 -> 10240
  p.stop_paise = 10240;
  p.best_paise = 10400;

  v = evaluate_exit({}, p, 10300);  // a pullback never lowers the stop
  CHECK_FALSE(v.adjust.has_value());
  CHECK(v.exit_reason.empty());
  CHECK(evaluate_exit({}, p, 10240).exit_reason == "trailing_stop");
}

TEST_CASE("the trailing stop only moves by whole ticks") {
  auto p = long_position(10000);
  p.trailing = true;
  p.stop_paise = 10240;
  p.best_paise = 10400;
  CHECK_FALSE(evaluate_exit({}, p, 10401).adjust.has_value());  // 10244.98 -> 10240: unchanged
  CHECK(evaluate_exit({}, p, 10402).adjust->stop_paise == 10245);  // 10245.97 -> 10245: one tick
  CHECK(evaluate_exit({}, p, 10406).adjust->stop_paise == 10245);  // 10249.91 -> 10245
}

TEST_CASE("an optional target takes profit") {
  exit_config c;
  c.target_bps = 3000;
  const auto p = long_position(10000, c);
  CHECK(p.target_paise == 13000);
  CHECK(evaluate_exit(c, p, 12995).exit_reason.empty());
  CHECK(evaluate_exit(c, p, 13000).exit_reason == "target");
}

TEST_CASE("an optional break-even move puts the stop at entry") {
  exit_config c;
  c.break_even_bps = 100;
  c.trail_activate_bps = 500;
  auto p = long_position(10000, c);
  auto v = evaluate_exit(c, p, 10100);
  REQUIRE(v.adjust.has_value());
  CHECK(v.adjust->reason == "break_even");
  CHECK(v.adjust->stop_paise == 10000);
  p.stop_paise = 10000;
  p.break_even = true;
  CHECK(evaluate_exit(c, p, 10000).exit_reason == "break_even");
}

TEST_CASE("a short position's rules mirror a long's") {
  exit_inputs p{-65, 10000, initial_stop({}, -65, 10000, 5), 10000, 0, false, false, 5};
  CHECK(p.stop_paise == 12000);
  CHECK(evaluate_exit({}, p, 12000).exit_reason == "stop_loss");
  auto v = evaluate_exit({}, p, 9800);
  REQUIRE(v.adjust.has_value());
  CHECK(v.adjust->stop_paise == 9950);  // 9800 × 1.015 = 9947 -> 9950
}
