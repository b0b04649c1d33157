// Halts stack: each reason is its own halt, lifted by its own cause.
#include <doctest/doctest.h>

#include "tests/trading/engine_fixture.hpp"

using namespace strike;
namespace ev = strike::events;
using test::option;

TEST_CASE("a day halt on top of the kill switch does not replace it, and the new session lifts only the day halt") {
  core::trading::trading_config config;
  config.risk.capital_paise = 1'00'000'00;  // the daily limit is -₹2,000
  test::engine_fixture f(config);
  f.calm_vix();
  f.open_position(10000);
  f.engine->kill_switch("file");
  const auto exit = f.last_order();
  f.accept(exit);
  f.fill(exit, 130, 8400);  // -₹2,080: the daily loss limit too
  f.quote(option, 8400, 8395, 8405);
  REQUIRE(f.state.risk.halted_for("kill_switch"));
  REQUIRE(f.state.risk.halted_for("daily_loss"));
  CHECK(f.state.risk.halt_reason == "daily_loss");  // the latest

  f.open_session("2026-01-07");
  CHECK_FALSE(f.state.risk.halted_for("daily_loss"));
  CHECK(f.state.risk.halted_for("kill_switch"));
  CHECK(f.state.risk.halt_reason == "kill_switch");
  CHECK(f.state.risk.halt_scope == "manual");
  // The kill switch's file check does not fire it again: its halt never went away.
  f.engine->kill_switch("file");
  CHECK(f.of_type<ev::trading_halted>().size() == 2);
  // Removing the file lifts that halt alone.
  f.engine->halt_entries("disk_space", "1 MB free");
  f.engine->lift_halt("kill_switch");
  CHECK_FALSE(f.state.risk.halted_for("kill_switch"));
  CHECK(f.state.risk.halted_for("disk_space"));
  CHECK(f.state.risk.halted);
  f.engine->resume_trading("operator");
  CHECK_FALSE(f.state.risk.halted);
  CHECK(f.state.risk.halts.empty());
}

TEST_CASE("consecutive losses halt even while another halt is in force") {
  test::engine_fixture f;
  f.calm_vix();
  for (int i = 0; i < 3; ++i) {
    f.open_position(10000, "bar-" + std::to_string(i));
    if (i == 2) f.engine->halt_entries("disk_space", "low");
    f.engine->exit_position(option, "signal");
    const auto key = f.last_order();
    f.accept(key);
    f.fill(key, 130, 9900);
  }
  CHECK(f.state.risk.halted_for("consecutive_losses"));
  f.engine->lift_halt("disk_space");
  CHECK(f.state.risk.halted_for("consecutive_losses"));
  CHECK(f.state.risk.halted);
}
