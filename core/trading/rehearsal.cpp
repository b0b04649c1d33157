// The trading engine's rehearsals of an entry and of exits (trading_engine::rehearse_entry,
// trading_engine::rehearse_exits).
#include <algorithm>
#include <memory>

#include "core/trading/charges.hpp"
#include "core/trading/instance_limits.hpp"
#include "core/trading/ladder.hpp"
#include "core/trading/order_key.hpp"
#include "core/trading/rehearsal.hpp"
#include "core/trading/risk.hpp"
#include "core/trading/trading_engine.hpp"

namespace strike::core::trading {

namespace ev = strike::events;

void trading_engine::rehearse_entry(const entry_intent& in) const {
  const auto [q, ref, dte, qty] = terms_of(in);
  // The entry's own basis (the bar being formed): the key is the one the decision will make if
  // it makes this entry, so the lookups below walk to where the bus and the fold will put it.
  // Nothing is put there.
  const std::string key = order_key(
      {in.strategy, in.instrument, in.side, qty, ev::purpose::entry, in.reason, in.basis});
  rehearsed(&key);
  if (state_.keys.contains(key)) return;
  const bool known = state_.orders.find(key) != state_.orders.end() ||
                     state_.open_orders.find(key) != state_.open_orders.end();
  rehearsed(&known);
  const risk_verdict verdict =
      check_entry(config_.risk, config_.charges, state_,
                  entry_check_for(in.instrument, in.lot_size, ref, in.side, dte, q));
  rehearsed(&verdict);
  const auto own = config_.instances.find(in.strategy);
  const std::int64_t cost =
      qty * ref + charges_for_fill(config_.charges, in.side, qty, ref, true).total();
  const risk_verdict mine =
      check_instance_entry(own == config_.instances.end() ? nullptr : &own->second, state_,
                           in.strategy, cost, unrealized_paise(in.strategy));
  rehearsed(&mine);
  const std::int64_t price = step_price(config_.ladder, in.side, ref, in.tick_paise, 0);
  rehearsed(&price);
  // The entry's events as the bus would make them (its intent, the risk's approval, the
  // order's submission), folded as the bus would fold them, into a state of their own.
  const auto now = clock_.now_ns();
  state scratch;
  std::int64_t seq = 0;
  const auto fold = [&](ev::payload body) {
    ++seq;
    apply(scratch,
          *std::make_shared<const ev::event>(ev::envelope{seq, now, key, 0, key}, std::move(body)));
  };
  fold(ev::order_intent{key, in.strategy, in.instrument, in.symbol, in.side, qty,
                        ev::purpose::entry, in.reason, ref, in.tick_paise, in.lot_size});
  fold(ev::risk_approved{key, in.lot_size > 0 ? qty / in.lot_size : 1, qty});
  fold(ev::order_submitted{key, ev::order_type::limit, price, 0, qty, 1});
  rehearsed(&scratch);
}

void trading_engine::rehearse_entry() const {
  const auto it = state_.orders.find(last_entry_);
  if (it == state_.orders.end()) return;
  const order_record& o = it->second;
  entry_intent in;
  in.strategy = o.strategy;
  in.instrument = o.instrument;
  in.symbol = o.symbol;
  in.side = o.side;
  in.reason = o.reason;
  in.lot_size = o.lot_size;
  in.tick_paise = o.tick_paise;
  in.basis = "rehearsal";  // a basis no decision has
  rehearse_entry(in);
}

void trading_engine::rehearse_exits() const {
  if (!can_send()) return;
  for (const auto& [id, p] : state_.positions)
    if (p.qty != 0 && p.opened && p.exit_reason.empty()) rehearse_exit(id, p);
}

void trading_engine::rehearse_exit(const std::string& id, const position_record& p) const {
  // What exit_position walks before it publishes: the instance's entries in the contract it
  // would cancel, the last exit, the resting stop, the exit's terms and its trigger's key.
  const auto working = working_orders(ev::purpose::entry, p.instrument, p.strategy);
  rehearsed(&working);
  const bool exited_before = state_.orders.find(p.exit_order) != state_.orders.end();
  rehearsed(&exited_before);
  rehearsed(working_stop(p));
  const auto [qty, attempt, side, ref] = exit_terms_of(p);
  if (qty == 0) return;
  const std::string trigger = exit_trigger_key(p, attempt);
  if (state_.keys.contains(trigger)) return;
  const std::string why = "rehearsal";  // a reason no exit has: a key no exit makes
  const std::string key = exit_key(p, side, qty, why, attempt);
  if (state_.keys.contains(key)) return;
  const bool known = state_.orders.find(key) != state_.orders.end();
  rehearsed(&known);
  const std::int64_t price = exit_step_price(config_.ladder, side, ref, p.tick_paise, 0);
  // The exit's events as the bus would make them (the trigger, the intent, the submission),
  // folded into a state of their own that holds a copy of the position.
  const auto now = clock_.now_ns();
  state scratch;
  scratch.positions.emplace(id, p);
  std::int64_t seq = 0;
  const auto fold = [&](ev::payload body, const std::string& event_key) {
    ++seq;
    apply(scratch, *std::make_shared<const ev::event>(
                       ev::envelope{seq, now, event_key, 0, p.entry_order}, std::move(body)));
  };
  fold(ev::position_exit_triggered{p.instrument, why, mark(p), qty, p.strategy}, trigger);
  fold(ev::order_intent{key, p.strategy, p.instrument, p.symbol, side, qty, ev::purpose::exit, why,
                        ref, p.tick_paise, p.lot_size},
       key);
  fold(ev::order_submitted{key, ev::order_type::limit, price, 0, qty, 1}, {});
  rehearsed(&scratch);
}

}  // namespace strike::core::trading
