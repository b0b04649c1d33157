#include "daemon/runtime_config.hpp"

#include <cmath>

#include "core/market/candle_time.hpp"
#include "daemon/strategies_config.hpp"

namespace strike::daemon {
namespace {

void read_strategy(toml_reader& top, strategy_section& s) {
  auto r = top.table("strategy");
  s.name = r.text("name", s.name);
  s.params = read_strategy_params(r, "params");
  r.finish();
}

void read_clock(toml_reader r, clock_section& c) {
  c.kind = r.one_of("kind", c.kind, {"system", "scaled"});
  const std::string start = r.text("start", "");
  c.speed = r.number("speed", c.speed, 0.01, 10'000.0);
  c.closed_speed = r.number("closed_speed", c.closed_speed, 0.0, 1'000'000.0);
  if (c.kind == "scaled") {
    // "2026-01-06T09:00:00+05:30", as the simulator's --start takes it.
    auto t = core::market::parse_candle_time(start);
    if (!t)
      r.fail("start", "'" + start + "' is not a time like 2026-01-06T09:00:00+05:30");
    else
      c.start_ns = *t;
  }
  r.finish();
}

void read_reconcile(toml_reader r, reconcile_section& s) {
  const std::string policy =
      r.one_of("unknown_positions", "report", {"report", "adopt", "flatten"});
  s.unknown_positions = policy == "adopt"     ? unknown_position_policy::adopt
                        : policy == "flatten" ? unknown_position_policy::flatten
                                              : unknown_position_policy::report;
  s.interval_ns = std::llround(r.number("interval_s", 60.0, 0, 86'400) * 1e9);
  s.settle_ns = r.integer("settle_ms", 3'000, 0, 600'000) * 1'000'000;
  r.finish();
}

void read_self_test(toml_reader r, self_test_section& s) {
  s.min_funds_paise = std::llround(
      r.number("min_funds_rupees", static_cast<double>(s.min_funds_paise) / 100.0, 0, 1e12) *
      100.0);
  s.max_clock_skew_ms = r.integer("max_clock_skew_ms", s.max_clock_skew_ms, 10, 3'600'000);
  s.retry_ms = r.integer("retry_ms", s.retry_ms, 100, 3'600'000);
  r.finish();
}

}  // namespace

void read_runtime_sections(toml_reader& top, runtime_sections& r) {
  const bool single = top.has("strategy");
  read_strategy(top, r.strategy);
  r.underlyings = read_underlyings(top);
  r.instances = read_strategy_instances(top, r.underlyings);
  if (single && !r.instances.empty())
    top.fail("strategies", "and [strategy] are both given: keep one ([strategy] is one instance)");
  if (r.instances.empty()) {
    strategy_instance_section one;
    one.name = one.strategy = r.strategy.name;
    one.params = r.strategy.params;
    r.instances.push_back(std::move(one));
  }
  read_clock(top.table("clock"), r.clock);
  read_reconcile(top.table("reconcile"), r.reconcile);
  read_self_test(top.table("self_test"), r.self_test);
}

}  // namespace strike::daemon
