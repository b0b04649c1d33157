#include <doctest/doctest.h>

#include "core/strategies/trend_alignment/trend_tracker.hpp"
#include "tests/strategy/strategy_fixture.hpp"

using namespace strike;
using core::strategies::trend;

namespace {

core::strategies::trend_tracker fed(const std::vector<double>& closes) {
  core::strategies::trend_tracker t({20, 3, 14, 14});
  for (std::size_t i = 0; i < closes.size(); ++i)
    t.update(test::make_bar(static_cast<std::int64_t>(i) * 3600 * core::ns_per_s, closes[i], 40));
  return t;
}

}  // namespace

TEST_CASE("no trend until every indicator has warmed up") {
  auto t = fed(test::strategy_fixture::trend_closes(26000, 8, 27));
  CHECK_FALSE(t.ready());
  CHECK(t.direction(26000) == trend::neutral);
  t = fed(test::strategy_fixture::trend_closes(26000, 8, 40));
  CHECK(t.ready());
}

TEST_CASE("a rising market with pullbacks is bull, a falling one bear, a flat one neutral") {
  const auto up = fed(test::strategy_fixture::trend_closes(26000, 8, 60));
  CHECK(up.direction(26000) == trend::bull);
  CHECK(up.ema_slope() > 0);
  CHECK(up.plus_di() > up.minus_di());
  CHECK(up.rsi() > 60);
  CHECK(up.rsi() < 70);
  CHECK(up.adx() > 20);

  const auto down = fed(test::strategy_fixture::trend_closes(26000, -8, 60));
  CHECK(down.direction(26000) == trend::bear);

  const auto flat = fed(std::vector<double>(60, 26000.0));
  CHECK(flat.direction(26000) == trend::neutral);
}

TEST_CASE("a price below a rising EMA is not bull") {
  const auto up = fed(test::strategy_fixture::trend_closes(26000, 8, 60));
  CHECK(up.direction(up.ema() - 1) == trend::neutral);
}
