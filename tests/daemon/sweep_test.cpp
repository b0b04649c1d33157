// Sweep files: grids and random searches numbered so any trial can be run anywhere, errors
// that name the sweep's line, and values checked against the configuration's own validation.
#include <doctest/doctest.h>

#include <fstream>
#include <set>

#include "base/file_io.hpp"
#include "daemon/config_table.hpp"
#include "daemon/optimize/sweep.hpp"
#include "daemon/optimize/sweep_check.hpp"
#include "tests/support/striked.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace strike::daemon::optimize;

namespace sweep_cases {

std::filesystem::path write_sweep(const test::temp_dir& dir, const std::string& text) {
  const auto path = dir / "sweep.toml";
  std::ofstream(path) << text;
  return path;
}

toml::table shipped_table() {
  auto bytes = base::read_file(test::shipped_config);
  REQUIRE(bytes.ok());
  auto table = daemon::parse_config_table(*bytes, test::shipped_config);
  REQUIRE(table.ok());
  return *table;
}

}  // namespace sweep_cases

using namespace sweep_cases;

TEST_CASE("a grid numbers its trials in mixed radix over the parameters in name order") {
  test::temp_dir dir;
  auto s = load_sweep(write_sweep(dir, R"(objective = "calmar"
[constraints]
min_trades = 20
[parameters]
"exits.trail_pct" = { from = 0.5, to = 1.5, step = 0.5 }
"exits.stop_loss_pct" = [10, 15.5, 20]
)"));
  REQUIRE_MESSAGE(s.ok(), s.error().message);
  CHECK(s->goal == objective::calmar);
  CHECK(s->constraints.min_trades == 20);
  REQUIRE(s->parameters.size() == 2);
  CHECK(s->parameters[0].name == "exits.stop_loss_pct");  // name order, not file order
  CHECK(s->parameters[0].line == 6);
  CHECK(s->trials() == 9);
  CHECK(s->trial(0) == std::vector<param_value>{std::int64_t{10}, 0.5});
  CHECK(s->trial(1) == std::vector<param_value>{std::int64_t{10}, 1.0});
  CHECK(s->trial(5) == std::vector<param_value>{15.5, 1.5});
  std::set<std::vector<param_value>> seen;
  for (std::int64_t i = 0; i < s->trials(); ++i) seen.insert(s->trial(i));
  CHECK(seen.size() == 9);
  // A range of decimals stays on its decimals.
  auto points = load_sweep(write_sweep(dir, R"([parameters]
"exits.trail_pct" = { from = 0.1, to = 0.3, step = 0.1 }
)"));
  REQUIRE(points.ok());
  CHECK(points->parameters[0].values == std::vector<param_value>{0.1, 0.2, 0.3});
  CHECK(to_toml(points->parameters[0].values[2]) == "0.3");
  CHECK(to_toml(param_value{20.0}) == "20.0");
  CHECK(to_toml(param_value{std::string("a\"b")}) == "\"a\\\"b\"");
}

TEST_CASE("a random search draws each trial from the seed and its number alone") {
  test::temp_dir dir;
  const std::string text = R"([search]
samples = 300
seed = 42
[parameters]
"exits.stop_loss_pct" = { uniform = [5.0, 25.0] }
"exits.trail_activate_pct" = { log_uniform = [0.5, 8.0] }
"risk.max_consecutive_losses" = { int_uniform = [2, 5] }
"risk.max_positions" = [1, 2]
)";
  auto a = load_sweep(write_sweep(dir, text));
  REQUIRE_MESSAGE(a.ok(), a.error().message);
  auto b = load_sweep(write_sweep(dir, text));
  REQUIRE(b.ok());
  CHECK(a->trials() == 300);
  std::set<std::int64_t> losses, positions;
  for (std::int64_t i = 0; i < a->trials(); ++i) {
    const auto v = a->trial(i);
    CHECK(v == b->trial(i));
    const double stop = std::get<double>(v[0]);
    CHECK((stop >= 5.0 && stop < 25.0));
    const double activate = std::get<double>(v[1]);
    CHECK((activate >= 0.5 && activate < 8.0));
    losses.insert(std::get<std::int64_t>(v[2]));
    positions.insert(std::get<std::int64_t>(v[3]));
  }
  CHECK(losses == std::set<std::int64_t>{2, 3, 4, 5});
  CHECK(positions == std::set<std::int64_t>{1, 2});
  CHECK(a->trial(7) != a->trial(8));
}

TEST_CASE("a sweep file's mistakes are each named by their line") {
  test::temp_dir dir;
  auto s = load_sweep(write_sweep(dir, R"(objective = "sharp"
colour = "blue"
[parameters]
"exits.trail_pct" = { from = 2.0, to = 1.0 }
"exits.stop_loss_pct" = { uniform = [5.0, 25.0] }
"stop_loss_pct" = [1, 2]
"risk.max_positions" = []
)"));
  REQUIRE_FALSE(s.ok());
  const auto& m = s.error().message;
  const std::string file = (dir / "sweep.toml").string();
  CHECK(m.find(file + ":1: objective: one of net_pnl") != std::string::npos);
  CHECK(m.find(file + ":2: unknown key 'colour'") != std::string::npos);
  CHECK(m.find(file + ":4: exits.trail_pct: 'from' is above 'to'") != std::string::npos);
  CHECK(m.find(file + ":5: exits.stop_loss_pct: a distribution is drawn from") !=
        std::string::npos);
  CHECK(m.find(file + ":6: 'stop_loss_pct': name a configuration key with its section") !=
        std::string::npos);
  CHECK(m.find(file + ":7: risk.max_positions: an empty list") != std::string::npos);
}

TEST_CASE("values the configuration refuses are errors naming the sweep's line, before any run") {
  test::temp_dir dir;
  const auto base = shipped_table();
  auto s = load_sweep(write_sweep(dir, R"([parameters]
"exits.stop_loss_pct" = [10.0, 150.0]
"exits.stop_los_pct" = [10.0]
"risk.max_positions" = { from = 1, to = 3 }
"strategy.params.no_such_parameter" = [1]
)"));
  REQUIRE_MESSAGE(s.ok(), s.error().message);
  auto checked = check_sweep(*s, base, test::shipped_config);
  REQUIRE_FALSE(checked.ok());
  const auto& m = checked.error().message;
  const std::string file = (dir / "sweep.toml").string();
  CHECK(m.find(file + ":2: exits.stop_loss_pct = 150.0: ") != std::string::npos);
  CHECK(m.find(file + ":3: exits.stop_los_pct = 10.0: ") != std::string::npos);
  CHECK(m.find(file + ":5: strategy.params.no_such_parameter = 1: ") != std::string::npos);
  CHECK(m.find("max_positions") == std::string::npos);             // 1..3 are all allowed
  CHECK(m.find(test::shipped_config + ":") == std::string::npos);  // the sweep's lines, not the
                                                                   // configuration's
}

TEST_CASE("a trial's values reach the configuration it runs with") {
  test::temp_dir dir;
  const auto base = shipped_table();
  auto s = load_sweep(write_sweep(dir, R"([parameters]
"exits.stop_loss_pct" = [12.5]
"risk.max_positions" = [3]
)"));
  REQUIRE(s.ok());
  REQUIRE(check_sweep(*s, base, test::shipped_config).ok());
  auto table = with_values(base, *s, s->trial(0));
  REQUIRE(table.ok());
  auto cfg = daemon::read_config(*table, test::shipped_config, "");
  REQUIRE_MESSAGE(cfg.ok(), cfg.error().message);
  CHECK(cfg->trading.trading.exits.stop_loss_bps == 1250);
  CHECK(cfg->trading.trading.risk.max_positions == 3);
}

TEST_CASE("a sweep reaches one strategy instance's parameters by the instance's name") {
  test::temp_dir dir;
  auto parsed = daemon::parse_config_table(
      "[[strategies]]\nname = \"nifty_trend\"\nstrategy = \"trend_alignment\"\n"
      "[[strategies]]\nname = \"bank_revert\"\nstrategy = \"mean_reversion\"\n"
      "underlying = \"BANKNIFTY\"\n",
      dir / "config.toml");
  REQUIRE(parsed.ok());
  auto s = load_sweep(write_sweep(dir, R"([parameters]
"strategies.bank_revert.params.entry_z" = [1.5]
"strategies.nifty_trend.capital_pct" = [30.0]
)"));
  REQUIRE(s.ok());
  REQUIRE(check_sweep(*s, *parsed, dir / "config.toml").ok());
  auto table = with_values(*parsed, *s, s->trial(0));
  REQUIRE(table.ok());
  auto cfg = daemon::read_config(*table, dir / "config.toml", "");
  REQUIRE_MESSAGE(cfg.ok(), cfg.error().message);
  REQUIRE(cfg->runtime.instances.size() == 2);
  CHECK(cfg->runtime.instances[0].capital_pct == 30.0);
  CHECK(cfg->runtime.instances[0].params.problems().empty());
  auto params = cfg->runtime.instances[1].params;
  CHECK(params.number("entry_z", 2.0, 0, 10) == 1.5);

  auto missing = load_sweep(write_sweep(dir, R"([parameters]
"strategies.nobody.params.entry_z" = [1.5]
)"));
  REQUIRE(missing.ok());
  CHECK_FALSE(with_values(*parsed, *missing, missing->trial(0)).ok());
}
