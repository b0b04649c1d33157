// [[strategies]] and [underlyings]: several instances from one config, the single [strategy]
// form as one instance, and every mistake refused with its place.
#include <doctest/doctest.h>

#include <fstream>

#include "daemon/config.hpp"
#include "daemon/strategy_instances.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace {

std::filesystem::path config_file(const test::temp_dir& dir, const std::string& text) {
  const auto p = dir / "strategies.toml";
  std::ofstream(p) << text;
  return p;
}

const char* four_instances =
    "[risk]\ncapital_rupees = 1000000\n"
    "[[strategies]]\nname = \"nifty_trend\"\nstrategy = \"trend_alignment\"\n"
    "underlying = \"NIFTY\"\ncapital_pct = 40\nmax_positions = 1\ndaily_loss_pct = 1.5\n"
    "[[strategies]]\nname = \"bank_trend\"\nstrategy = \"trend_alignment\"\n"
    "underlying = \"BANKNIFTY\"\ncapital_pct = 20\n"
    "[strategies.params]\nadx_min = 25.0\n";

}  // namespace

TEST_CASE("[[strategies]] declares instances with their underlying, parameters and limits") {
  test::temp_dir dir;
  auto c = daemon::load_config(config_file(dir, four_instances));
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  const auto& in = c->runtime.instances;
  REQUIRE(in.size() == 2);
  CHECK(in[0].name == "nifty_trend");
  CHECK(in[1].underlying == "BANKNIFTY");
  const auto& limits = c->trading.trading.instances;
  CHECK(limits.at("nifty_trend").capital_paise == 4'00'000'00);
  CHECK(limits.at("nifty_trend").max_positions == 1);
  CHECK(limits.at("nifty_trend").daily_loss_bps == 150);
  CHECK(limits.at("bank_trend").capital_paise == 2'00'000'00);
  CHECK(limits.at("bank_trend").daily_loss_bps == 0);

  auto built = daemon::make_strategy_instances(c->runtime);
  REQUIRE_MESSAGE(built.ok(), (built.ok() ? "" : built.error().message));
  REQUIRE(built->instances.size() == 2);
  CHECK(built->instances[1].name == "bank_trend");
  // The underlying's index reaches the strategy as its parameter.
  CHECK(built->instances[1].strategy->instruments().front() == "NSE:99926009");
  const auto traded = daemon::traded_underlyings(c->runtime, built->instances);
  REQUIRE(traded.size() == 2);
  CHECK(traded[0].name == "NIFTY");
  CHECK(traded[1].name == "BANKNIFTY");
  CHECK(traded[1].option_step_paise == 100'00);
}

TEST_CASE("the single [strategy] section is one instance named after its strategy") {
  test::temp_dir dir;
  auto c = daemon::load_config(config_file(
      dir, "[strategy]\nname = \"trend_alignment\"\n[strategy.params]\nadx_min = 22.0\n"));
  REQUIRE(c.ok());
  REQUIRE(c->runtime.instances.size() == 1);
  CHECK(c->runtime.instances[0].name == "trend_alignment");
  CHECK(c->trading.trading.instances.at("trend_alignment").capital_paise == 0);
  auto built = daemon::make_strategy_instances(c->runtime);
  REQUIRE(built.ok());
  CHECK(built->instances[0].strategy->instruments().front() == "NSE:99926000");

  auto empty = daemon::load_config(config_file(dir, ""));
  REQUIRE(empty.ok());
  REQUIRE(empty->runtime.instances.size() == 1);
  CHECK(empty->runtime.instances[0].strategy == "trend_alignment");
}

TEST_CASE("mistakes in [[strategies]] are refused with their place") {
  test::temp_dir dir;
  auto refused = [&](const std::string& text, const std::string& expected) {
    const auto p = config_file(dir, text);
    auto c = daemon::load_config(p);
    REQUIRE_FALSE(c.ok());
    CHECK_MESSAGE(c.error().message.find(expected) != std::string::npos, c.error().message);
  };
  refused(
      "[strategy]\nname = \"trend_alignment\"\n[[strategies]]\nstrategy = \"trend_alignment\"\n",
      "and [strategy] are both given");
  refused(
      "[[strategies]]\nname = \"a\"\nstrategy = \"trend_alignment\"\n"
      "[[strategies]]\nname = \"a\"\nstrategy = \"trend_alignment\"\n",
      "'a' names two instances");
  refused("[[strategies]]\nstrategy = \"trend_alignment\"\nunderlying = \"DOWJONES\"\n",
          "'DOWJONES' is not in the underlyings table");
  refused(
      "[[strategies]]\nname = \"a\"\nstrategy = \"trend_alignment\"\ncapital_pct = 70\n"
      "[[strategies]]\nname = \"b\"\nstrategy = \"trend_alignment\"\ncapital_pct = 40\n",
      "capital_pct adds up to 110");
  refused("[[strategies]]\nstrategy = \"trend_alignment\"\ndaily_loss_pct = 1\n",
          "needs capital_pct");
  refused("[[strategies]]\nname = \"a b\"\nstrategy = \"trend_alignment\"\n",
          "must be a non-empty word");

  // A bad parameter is the instance's, by name.
  auto c = daemon::load_config(
      config_file(dir,
                  "[[strategies]]\nname = \"x\"\nstrategy = \"trend_alignment\"\n"
                  "[[strategies]]\nname = \"y\"\nstrategy = \"trend_alignment\"\n"
                  "[strategies.params]\nadx_minn = 1.0\n"));
  REQUIRE(c.ok());
  auto built = daemon::make_strategy_instances(c->runtime);
  REQUIRE_FALSE(built.ok());
  CHECK(built.error().message.find("[[strategies]] y: ") == 0);
  CHECK(built.error().message.find("adx_minn: unknown parameter") != std::string::npos);
}

TEST_CASE("[underlyings.NAME] adds an underlying or changes one, as data") {
  test::temp_dir dir;
  auto c = daemon::load_config(
      config_file(dir,
                  "[underlyings.NIFTY]\nfreeze_qty = 1300\n"
                  "[underlyings.MYINDEX]\nindex = \"NSE:12345\"\noption_step = 25\n"
                  "lot_sizes = [\"2025-01-01 40\", \"2026-06-01 50\"]\nfreeze_qty = 400\n"
                  "[[strategies]]\nstrategy = \"trend_alignment\"\nunderlying = \"MYINDEX\"\n"));
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
  const auto* mine = core::trading::find_underlying(c->runtime.underlyings, "MYINDEX");
  REQUIRE(mine != nullptr);
  CHECK(mine->option_step_paise == 25'00);
  CHECK(core::trading::lot_size_on(*mine, "2026-05-26") == 40);
  CHECK(core::trading::lot_size_on(*mine, "2026-06-30") == 50);
  CHECK(c->trading.trading.freeze_qty.at("NIFTY") == 1300);
  CHECK(c->trading.trading.freeze_qty.at("MYINDEX") == 400);
  CHECK(c->trading.trading.freeze_qty.at("BANKNIFTY") == 900);
  auto built = daemon::make_strategy_instances(c->runtime);
  REQUIRE(built.ok());
  CHECK(built->instances[0].strategy->instruments().front() == "NSE:12345");

  const auto p = config_file(dir, "[underlyings.X]\nindex = \"12345\"\nlot_sizes = [\"soon 5\"]\n");
  auto bad = daemon::load_config(p);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("is not \"EXCHANGE:TOKEN\"") != std::string::npos);
  CHECK(bad.error().message.find("'soon 5' is not \"YYYY-MM-DD lots\"") != std::string::npos);
}
