// Runs one strategy: hands it bars, ticks and order events with a snapshot of what it may
// read, and turns its decisions into journaled events — SignalRaised and EntryFiltered on the
// bus, entries and exits through the trading engine.
//
// Threading: the reactor thread only. The bus, state, engine and strategy outlive the runner.
#pragma once

#include <cstdint>
#include <string>

#include "core/bus.hpp"
#include "core/strategy/strategy.hpp"
#include "core/trading/trading_engine.hpp"

namespace strike::core::strategy {

class strategy_runner {
 public:
  // instance: the configured instance's name, stamped on every decision (empty: strat.name()).
  strategy_runner(bus& b, const state& s, trading::trading_engine& engine, strategy& strat,
                  std::string instance = {});

  // Subscribes to the order and position events the strategy sees.
  void attach();
  // The option chain, once the instrument master is loaded (null before).
  void set_options(const option_chain* chain) { options_ = chain; }

  // A closed bar; while warming (history at start) decisions are discarded. Returns the number
  // of entries the strategy asked for. `cause`: the seq of the bar's BarClosed, named as the
  // cause of every decision made on it (0: the bar was not journaled).
  int on_bar(const std::string& instrument, events::timeframe tf, const market::bar& b,
             std::int64_t now_ns, bool warming = false, std::int64_t cause = 0);
  int on_tick(const std::string& instrument, const trading::quote& q, std::int64_t now_ns);
  // The strategy's rehearsal (strategy::rehearse) on what it may read now, and the trading
  // engine's of each entry it would make (trading_engine::rehearse_entry). False when the
  // strategy had no entry to rehearse.
  bool rehearse(std::int64_t now_ns) const;

  strategy& get() { return strategy_; }
  const std::string& instance() const { return instance_; }

 private:
  // Asks the strategy, through `ask(decisions&)`, and applies the answer unless it is discarded.
  template <class Ask>
  int decide(Ask&& ask, bool discard, std::int64_t cause);
  int apply(decisions& d, std::int64_t cause);
  snapshot view(std::int64_t now_ns) const {
    return {state_, engine_.market(), options_, now_ns, instance_};
  }

  bus& bus_;
  const state& state_;
  trading::trading_engine& engine_;
  strategy& strategy_;
  std::string instance_;
  const option_chain* options_ = nullptr;
  // Bars and ticks, which mostly decide nothing, share one decisions instead of building and
  // freeing one each: emptied after every use, so a strategy always starts from an empty one.
  decisions reused_;
  bool reused_in_use_ = false;  // a bar or tick handled while one is being applied gets its own
};

}  // namespace strike::core::strategy
