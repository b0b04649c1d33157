// Bars per second through the moving-average crossover strategy, SMA(10) against SMA(30) of a
// year of one-minute closes (docs/performance.md, "Strategy"). Each iteration is the whole year
// through a fresh strategy, so every iteration finds the same crossings, and they are reported
// for checking against bench/ma_crossover_numpy.py over the same bars.
#include <benchmark/benchmark.h>

#include "bench/portable_series.hpp"
#include "core/bus.hpp"
#include "core/clock.hpp"
#include "core/state.hpp"
#include "core/strategies/ma_crossover/ma_crossover.hpp"
#include "core/strategy/strategy_runner.hpp"
#include "core/trading/trading_engine.hpp"

namespace {

using namespace strike;

const std::string nifty = "NSE:99926000";
constexpr int fast = 10;
constexpr int slow = 30;
constexpr int sessions = 250;

const std::vector<core::market::bar>& year_of_bars() {
  static const auto bars = bench::portable_minute_bars(sessions);
  return bars;
}

core::strategies::ma_crossover make_strategy() {
  return core::strategies::ma_crossover({nifty, events::timeframe::m1, fast, slow});
}

void report(benchmark::State& state, std::int64_t crossings, std::int64_t up) {
  const auto bars = static_cast<std::int64_t>(year_of_bars().size());
  state.SetItemsProcessed(state.iterations() * bars);
  state.counters["bars"] = static_cast<double>(bars);
  state.counters["crossings"] = static_cast<double>(crossings);
  state.counters["up"] = static_cast<double>(up);
}

// The strategy's decision alone: on_bar into one reused decisions, emptied after every bar, as
// the runner hands it; nothing is published.
void BM_ma_crossover_on_bar(benchmark::State& state) {
  const auto& bars = year_of_bars();
  const core::state st;
  const core::trading::market_view market;
  core::strategy::decisions out;
  std::int64_t crossings = 0, up = 0;
  for (auto _ : state) {
    auto strategy = make_strategy();
    crossings = up = 0;
    for (const auto& b : bars) {
      const core::strategy::snapshot snap{st, market, nullptr, b.start_ns + core::ns_per_minute};
      strategy.on_bar(nifty, events::timeframe::m1, b, snap, false, out);
      for (const auto& s : out.signals) {
        ++crossings;
        up += s.action == events::signal_action::enter_long;
      }
      out.clear();
    }
  }
  report(state, crossings, up);
}

// A journal that keeps nothing: the bus stamps, folds and delivers as usual.
class discarding_journal final : public core::journal_port {
 public:
  status append(const events::event& e) override {
    last_seq_ = e.env.seq;
    return {};
  }
  std::int64_t last_seq() const override { return last_seq_; }

 private:
  std::int64_t last_seq_ = 0;
};

// What the engine does with a closed bar: the strategy runner (attached, as the engine's is)
// hands it to the strategy and publishes each SignalRaised on the bus, which stamps it, folds it
// into the state and delivers it. The journal keeps nothing: encoding and writing are not timed.
void BM_ma_crossover_runner(benchmark::State& state) {
  const auto& bars = year_of_bars();
  discarding_journal journal;
  core::virtual_clock clock(bars.front().start_ns);
  core::state st;
  core::bus bus(journal, clock, st.keys);
  bus.fold_with([&](const events::event& e) { core::apply(st, e); });
  core::trading::trading_engine engine(bus, st, clock, {});
  engine.attach();
  auto strategy = make_strategy();
  core::strategy::strategy_runner runner(bus, st, engine, strategy);
  runner.attach();
  std::int64_t crossings = 0, up = 0;
  bus.subscribe<events::signal_raised>("count",
                                       [&](const events::event&, const events::signal_raised& s) {
                                         ++crossings;
                                         up += s.action == events::signal_action::enter_long;
                                       });
  for (auto _ : state) {
    strategy = make_strategy();
    crossings = up = 0;
    for (const auto& b : bars)
      runner.on_bar(nifty, events::timeframe::m1, b, b.start_ns + core::ns_per_minute);
  }
  report(state, crossings, up);
}

}  // namespace

BENCHMARK(BM_ma_crossover_on_bar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ma_crossover_runner)->Unit(benchmark::kMillisecond);
