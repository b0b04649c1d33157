#include "core/strategy/strategy_runner.hpp"

#include "core/positions.hpp"

namespace strike::core::strategy {

namespace ev = strike::events;

strategy_runner::strategy_runner(bus& b, const state& s, trading::trading_engine& engine,
                                 strategy& strat, std::string instance)
    : bus_(b),
      state_(s),
      engine_(engine),
      strategy_(strat),
      instance_(instance.empty() ? std::string(strat.name()) : std::move(instance)) {}

void strategy_runner::attach() {
  // What happens to its orders and positions: the bars and the clock come by call, not by
  // event, and every other event goes by without calling it.
  bus_.subscribe_all(
      "strategy",
      [this](const ev::event& e) {
        decisions d;
        strategy_.on_event(e, view(e.env.ts), d);
        apply(d, e.env.seq);
      },
      bus::types_of<ev::order_accepted, ev::order_rejected, ev::order_cancelled, ev::order_expired,
                    ev::order_filled, ev::position_opened, ev::position_closed>());
}

template <class Ask>
int strategy_runner::decide(Ask&& ask, bool discard, std::int64_t cause) {
  if (reused_in_use_) {
    decisions own;
    ask(own);
    return discard ? 0 : apply(own, cause);
  }
  reused_in_use_ = true;
  ask(reused_);
  const int entered = discard ? 0 : apply(reused_, cause);
  reused_.clear();
  reused_in_use_ = false;
  return entered;
}

int strategy_runner::on_bar(const std::string& instrument, ev::timeframe tf, const market::bar& b,
                            std::int64_t now_ns, bool warming, std::int64_t cause) {
  return decide(
      [&](decisions& d) { strategy_.on_bar(instrument, tf, b, view(now_ns), warming, d); }, warming,
      cause);
}

int strategy_runner::on_tick(const std::string& instrument, const trading::quote& q,
                             std::int64_t now_ns) {
  return decide([&](decisions& d) { strategy_.on_tick(instrument, q, view(now_ns), d); }, false, 0);
}

bool strategy_runner::rehearse(std::int64_t now_ns) const {
  decisions d;
  strategy_.rehearse(view(now_ns), d);
  for (auto& e : d.entries) {
    e.strategy = instance_;
    engine_.rehearse_entry(e);
  }
  return !d.entries.empty();
}

// Every decision carries the instance's name, whatever the strategy wrote: the name is what
// splits the journal, the risk limits and the statistics by instance. And it names what it was
// decided on, so a bar released late (after a repair) is still known as that bar's decision.
int strategy_runner::apply(decisions& d, std::int64_t cause) {
  for (auto& s : d.signals) {
    s.strategy = instance_;
    (void)bus_.publish(std::move(s), {.cause = cause});
  }
  for (auto& f : d.filtered) {
    f.strategy = instance_;
    (void)bus_.publish(std::move(f), {.cause = cause});
  }
  // A strategy exits a contract; the engine exits this instance's position in it, never
  // another's.
  for (const auto& x : d.exits)
    engine_.exit_position(position_key(state_, x.instrument, instance_), x.reason);
  int entered = 0;
  for (auto& e : d.entries) {
    e.strategy = instance_;
    e.cause = cause;
    if (!engine_.enter(e).empty()) ++entered;
  }
  return entered;
}

}  // namespace strike::core::strategy
