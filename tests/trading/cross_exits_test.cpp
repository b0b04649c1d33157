// A second SIGTERM during the flatten: every exit goes to market, including an exit whose place
// was still on its way and an exit sent after it.
#include <doctest/doctest.h>

#include "tests/trading/engine_fixture.hpp"

namespace strike::test {
namespace {

std::vector<ev::order_modify_requested> modifies_of(engine_fixture& f, const std::string& key) {
  std::vector<ev::order_modify_requested> out;
  for (const auto& m : f.of_type<ev::order_modify_requested>())
    if (m.order == key) out.push_back(m);
  return out;
}

TEST_CASE("crossing turns a working exit to market once, however often it is asked") {
  engine_fixture f;
  f.calm_vix();
  const auto exit = f.accepted_exit(10'000);
  f.engine->cross_exits();
  f.engine->cross_exits();  // a third signal
  const auto asked = modifies_of(f, exit);
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].order_type == ev::order_type::market);
}

TEST_CASE("an exit the broker accepts after the crossing is crossed as it is accepted") {
  engine_fixture f;
  f.calm_vix();
  f.open_position(10'000);
  f.engine->exit_position(option, "signal");
  const auto exit = f.last_order();
  f.engine->cross_exits();  // its place is still in flight: nothing to modify yet
  CHECK(modifies_of(f, exit).empty());
  f.accept(exit);
  const auto asked = modifies_of(f, exit);
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].order_type == ev::order_type::market);
}

TEST_CASE("an exit sent after the crossing goes out at market") {
  core::trading::trading_config config;
  config.risk.sizing = {{1e9, 0, 1000, 2}};
  engine_fixture f(config);
  f.calm_vix();
  f.open_position(10'000);
  f.engine->exit_position(option, "signal");
  const auto first = f.last_order();
  f.accept(first);
  f.engine->cross_exits();
  f.fill(first, 65, 9'900);  // one lot, then the broker cancels the rest
  f.cancelled(first);
  f.clock.advance_by(2 * core::ns_per_s);
  f.engine->on_time(f.clock.now_ns());
  const auto retry = f.last_order();
  REQUIRE(retry != first);
  const auto submitted = f.of_type<ev::order_submitted>().back();
  CHECK(submitted.order == retry);
  CHECK(submitted.order_type == ev::order_type::market);
  CHECK(submitted.price_paise == 0);
}

}  // namespace
}  // namespace strike::test
