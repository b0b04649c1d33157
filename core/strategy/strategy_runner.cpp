#include "core/strategy/strategy_runner.hpp"

namespace strike::core::strategy {

namespace ev = strike::events;

strategy_runner::strategy_runner(bus& b, const state& s, trading::trading_engine& engine,
                                 strategy& strat)
    : bus_(b), state_(s), engine_(engine), strategy_(strat) {}

void strategy_runner::attach() {
  bus_.subscribe_all("strategy", [this](const ev::event& e) {
    switch (e.type_index()) {
      case ev::index_of<ev::order_accepted>():
      case ev::index_of<ev::order_rejected>():
      case ev::index_of<ev::order_cancelled>():
      case ev::index_of<ev::order_expired>():
      case ev::index_of<ev::order_filled>():
      case ev::index_of<ev::position_opened>():
      case ev::index_of<ev::position_closed>(): {
        decisions d;
        strategy_.on_event(e, view(e.env.ts), d);
        apply(d);
        break;
      }
      default:
        break;
    }
  });
}

int strategy_runner::on_bar(const std::string& instrument, ev::timeframe tf, const market::bar& b,
                            std::int64_t now_ns, bool warming) {
  decisions d;
  strategy_.on_bar(instrument, tf, b, view(now_ns), warming, d);
  return warming ? 0 : apply(d);
}

int strategy_runner::on_tick(const std::string& instrument, const trading::quote& q,
                             std::int64_t now_ns) {
  decisions d;
  strategy_.on_tick(instrument, q, view(now_ns), d);
  return apply(d);
}

int strategy_runner::apply(decisions& d) {
  for (auto& s : d.signals) (void)bus_.publish(std::move(s));
  for (auto& f : d.filtered) (void)bus_.publish(std::move(f));
  for (const auto& x : d.exits) engine_.exit_position(x.instrument, x.reason);
  int entered = 0;
  for (const auto& e : d.entries)
    if (!engine_.enter(e).empty()) ++entered;
  return entered;
}

}  // namespace strike::core::strategy
