// One account's trading, whole: market data in (ticks, or closed bars from history), journaled
// decisions out. It owns the bar engine, the strategy runner and the trading engine, and wires
// them in one direction: data → bars → strategy → risk → ladder → orders → positions.
//
// Pure: no reactor, no files, no sockets, no wall clock. A driver feeds it — the live daemon
// from the broker's feeds, paper trading from the same feeds with simulated fills, a backtest
// from recorded bars on a virtual clock — and sends what OrderSubmitted, OrderModifyRequested and
// OrderCancelRequested ask for through its own broker port. Closed bars go to the observers a
// driver adds (the bar store, the day's bar files); they are not a hop on the way to the strategy.
//
// Threading: one thread. The bus, state, clock, strategy and candle source outlive the engine.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/bus.hpp"
#include "core/clock.hpp"
#include "core/market/market_bars.hpp"
#include "core/market/minute_recorder.hpp"
#include "core/market/tick.hpp"
#include "core/state.hpp"
#include "core/strategy/strategy.hpp"
#include "core/strategy/strategy_runner.hpp"
#include "core/trading/quote.hpp"
#include "core/trading/trading_config.hpp"
#include "core/trading/trading_engine.hpp"

namespace strike::core::engine {

struct session_engine_options {
  market::market_bars_options bars;
  // Instruments whose closed bars are journaled as BarClosed ("*": all).
  std::vector<std::string> journal_bars;
  // One-minute bars of every other instrument ticked (the quoted options) go to the observers
  // too, for the record (market/minute_recorder.hpp).
  bool record_minutes = false;
  // After each passing of time, walk the steps of a decision that change nothing (the bar's
  // event, the strategies' filters and contract, the entry's sizing, key and risk check), so
  // that the next bar's decision finds them in the processor's caches. For live and paper
  // trading, where a decision comes once a minute or less and everything in between (the feeds,
  // other instruments' ticks) pushes its code and data out; a backtest has no use for it.
  bool rehearse = false;
};

// One configured strategy instance: its name (on every decision and order it makes) and the
// strategy deciding for it.
struct strategy_instance {
  std::string name;
  strategy::strategy* strategy = nullptr;
};

// Told of every closed bar once the market update that closed it is done: after the strategies
// have seen it and the orders it caused are on their way.
using bar_observer =
    std::function<void(const std::string& instrument, events::timeframe, const market::bar&)>;

class session_engine final : private market::market_sink {
 public:
  // Every instance sees every bar and tick, in the order given; their decisions meet in one
  // trading engine, under one account's risk.
  session_engine(bus& b, const state& s, const clock& c, trading::trading_config config,
                 std::vector<strategy_instance> instances, market::candle_source& history,
                 session_engine_options options);
  ~session_engine() override;
  session_engine(const session_engine&) = delete;
  session_engine& operator=(const session_engine&) = delete;

  // Subscribes the trading engine and the strategy runner to the bus. Call once, after the fold.
  void attach();

  // A market update: an index print feeds the bars of the instruments the strategies trade on;
  // every quote feeds the exits, the ladder and the strategies.
  void on_tick(const std::string& instrument, const market::tick& t, const trading::quote& q);
  // The passing of time: bars whose end has passed close, ladders step, retries fall due.
  void on_time(std::int64_t now_ns);
  // History before the session: bars that only warm the indicators of the strategies that
  // trade on the instrument.
  void warm_up(const std::string& instrument, events::timeframe tf,
               const std::vector<market::bar>& bars);
  void observe_bars(bar_observer o) { observers_.push_back(std::move(o)); }
  void set_options(const strategy::option_chain* chain);

  // Every instrument some instance needs bars of, each once.
  const std::vector<std::string>& bar_instruments() const { return bar_instruments_; }
  // The longest warm-up any instance asks of each timeframe.
  std::vector<std::pair<events::timeframe, int>> warmup() const;
  trading::trading_engine& trading() { return trading_; }
  const trading::trading_engine& trading() const { return trading_; }
  std::size_t instances() const { return runners_.size(); }
  std::int64_t bars_closed() const { return bars_closed_; }
  std::int64_t ticks() const { return bars_.ticks(); }

 private:
  void on_bar(const std::string& instrument, events::timeframe tf, const market::bar& b) override;
  void on_event(events::payload e) override;
  // Observers are storage (the status pages' ring, the day's bar files): a file written between a
  // bar and the decision the next bar of the same update triggers would delay that decision.
  class update_scope;
  void observe_closed();
  void rehearse() const;

  bus& bus_;
  const state& state_;
  const clock& clock_;
  trading::trading_engine trading_;
  std::vector<std::unique_ptr<strategy::strategy_runner>> runners_;
  market::market_bars bars_;
  std::vector<std::string> bar_instruments_;
  std::set<std::string, std::less<>> journaled_;
  bool journal_all_ = false;
  std::vector<bar_observer> observers_;
  struct closed_bar {
    std::string instrument;
    events::timeframe tf;
    market::bar bar;
  };
  std::vector<closed_bar> unobserved_;  // closed during the update under way
  int updating_ = 0;
  std::int64_t bars_closed_ = 0;
  std::unique_ptr<market::minute_recorder> recorder_;  // when record_minutes
  bool rehearse_ = false;
  closed_bar last_journaled_{};  // the bar rehearse() makes the event of again
};

}  // namespace strike::core::engine
