#include "backtest/exchange.hpp"

#include "core/positions.hpp"

#include <algorithm>
#include <map>

#include "core/trading/option_symbol.hpp"
#include "events/order_type_traits.hpp"

namespace strike::backtest {

namespace ev = strike::events;

exchange::exchange(core::bus& b, const core::state& s, const core::clock& c,
                   core::trading::charge_rates charges, exchange_config config)
    : bus_(b), state_(s), clock_(c), charges_(charges), config_(config) {}

void exchange::publish(ev::payload p, core::publish_options o) {
  (void)bus_.publish(std::move(p), std::move(o));
}

void exchange::attach() {
  auto queue = [this](const std::string& key, request r) {
    const auto it = state_.orders.find(key);
    if (it == state_.orders.end()) return;
    r.order = key;
    // It takes effect at the first print after it arrives: the latency delays the arrival.
    r.sent_ns = clock_.now_ns() + config_.latency_ns;
    waiting_[it->second.instrument].push_back(std::move(r));
  };
  bus_.subscribe<ev::order_submitted>("exchange.place",
                                      [queue](const ev::event&, const ev::order_submitted& e) {
                                        queue(e.order, {request_kind::place, "", 0, ""});
                                      });
  bus_.subscribe<ev::order_modify_requested>(
      "exchange.modify", [queue](const ev::event&, const ev::order_modify_requested& e) {
        queue(e.order, {request_kind::modify, "", 0, "", e.order_type, e.price_paise, e.qty,
                        e.trigger_paise});
      });
  bus_.subscribe<ev::order_cancel_requested>(
      "exchange.cancel", [queue](const ev::event&, const ev::order_cancel_requested& e) {
        queue(e.order, {request_kind::cancel, "", 0, e.reason});
      });
}

void exchange::on_quote(const std::string& instrument, const core::trading::quote& q,
                        std::int64_t traded) {
  budget_ =
      config_.volume_share_pct > 0 && traded >= 0 ? traded * config_.volume_share_pct / 100 : -1;
  // Called for every print: nothing is allocated unless an order is waiting or working here.
  if (auto w = waiting_.find(instrument); w != waiting_.end() && !w->second.empty()) {
    // Only what was sent before this quote; anything sent while handling it waits for the next.
    auto& list = w->second;
    auto split = std::stable_partition(list.begin(), list.end(),
                                       [&](const request& r) { return r.sent_ns < q.ts_ns; });
    due_.assign(std::make_move_iterator(list.begin()), std::make_move_iterator(split));
    list.erase(list.begin(), split);
    for (const auto& r : due_) take_effect(r, q);
  }
  if (working_.empty()) return;
  here_.clear();
  for (const auto& [key, w] : working_)
    if (w.instrument == instrument && w.arrived_ns < q.ts_ns) here_.push_back(key);
  for (const auto& key : here_) try_fill(key, q, false);
}

void exchange::add_instruments_in_play(std::set<std::string>& out) const {
  for (const auto& [instrument, list] : waiting_)
    if (!list.empty()) out.insert(instrument);
  for (const auto& [key, w] : working_) out.insert(w.instrument);
}

void exchange::take_effect(const request& r, const core::trading::quote& q) {
  const auto it = state_.orders.find(r.order);
  if (it == state_.orders.end()) return;
  const core::order_record& o = it->second;
  const bool live = working_.count(r.order) != 0;
  switch (r.kind) {
    case request_kind::place:
      if (live || core::is_terminal(o.status)) return;
      working_[r.order] = {o.instrument, q.ts_ns};
      publish(ev::order_accepted{r.order, "BT" + std::to_string(next_id_++)},
              {.key = r.order + "/accepted", .corr = r.order});
      try_fill(r.order, q, true);
      return;
    case request_kind::modify:
      if (!live) {
        publish(ev::order_outcome_unknown{r.order, "modify", "the order is no longer working"},
                {.corr = r.order});
        return;
      }
      publish(ev::order_modified{r.order, r.type, r.price_paise, r.qty > 0 ? r.qty : o.qty,
                                 r.trigger_paise},
              {.corr = r.order});
      working_[r.order].arrived_ns = q.ts_ns;
      try_fill(r.order, q, true);
      return;
    case request_kind::cancel:
      if (!live) {
        publish(ev::order_outcome_unknown{r.order, "cancel", "the order is no longer working"},
                {.corr = r.order});
        return;
      }
      working_.erase(r.order);
      publish(ev::order_cancelled{r.order, o.filled_qty, r.reason.empty() ? "cancelled" : r.reason},
              {.key = r.order + "/cancelled", .corr = r.order});
      return;
  }
}

void exchange::try_fill(const std::string& key, const core::trading::quote& q, bool arriving) {
  const core::order_record& o = state_.orders.at(key);
  const bool buy = o.side == ev::side::buy;
  const std::int64_t touch = buy ? q.ask : q.bid;
  if (touch <= 0) return;
  // A stop waits for a print at or through its trigger, then is a market or a limit order.
  if (ev::is_stop(o.order_type) && (buy ? q.ltp < o.trigger_paise : q.ltp > o.trigger_paise))
    return;
  if (o.order_type == ev::order_type::market || o.order_type == ev::order_type::stop_market) {
    fill(key, market_price(o, q));
    return;
  }
  const bool reached = buy ? touch <= o.price_paise : touch >= o.price_paise;
  if (!reached) return;
  fill(key, arriving ? touch : o.price_paise);
}

std::int64_t exchange::market_price(const core::order_record& o,
                                    const core::trading::quote& q) const {
  const std::int64_t tick = std::max<std::int64_t>(o.tick_paise, 1);
  const bool buy = o.side == ev::side::buy;
  const std::int64_t touch = buy ? q.ask : q.bid;
  const std::int64_t slip = touch * config_.slippage_bps / 10'000;
  std::int64_t price = buy ? touch + slip : touch - slip;
  // To the tick, against us.
  price = buy ? (price + tick - 1) / tick * tick : price / tick * tick;
  return std::max(price, tick);
}

std::int64_t exchange::fill_quantity(const core::order_record& o) {
  const std::int64_t leaves = o.qty - o.filled_qty;
  if (budget_ < 0 || leaves <= 0) return leaves;
  // Options trade in whole lots: the print's share of the volume, rounded down to a lot.
  const std::int64_t lot = std::max<std::int64_t>(o.lot_size, 1);
  const std::int64_t qty = std::min(leaves, budget_ / lot * lot);
  budget_ -= qty;
  return qty;
}

void exchange::fill(const std::string& key, std::int64_t price) {
  const core::order_record& o = state_.orders.at(key);
  const std::int64_t qty = fill_quantity(o);
  if (qty <= 0) {
    if (o.qty <= o.filled_qty) working_.erase(key);
    return;  // nothing left of the print's volume: the rest waits for the next
  }
  const std::int64_t filled = o.filled_qty + qty;
  if (filled >= o.qty) working_.erase(key);
  const std::string fill_id = "F" + std::to_string(++fills_);
  const auto charges =
      core::trading::charges_for_fill(charges_, o.side, qty, price, o.filled_qty == 0);
  publish(ev::order_filled{key, fill_id, qty, price, filled, o.qty - filled, charges.total(),
                           "backtest"},
          {.key = key + "/" + fill_id, .corr = key});
}

void exchange::settle_expiries(core::civil_date d, std::int64_t underlying_paise) {
  settle_expiries(d, [underlying_paise](std::string_view) { return underlying_paise; });
}

void exchange::settle_expiries(core::civil_date d,
                               const std::function<std::int64_t(std::string_view)>& close_of) {
  std::map<std::string, std::int64_t> expiring;  // instrument, settlement price
  for (const auto& [key, p] : state_.positions) {
    if (p.qty == 0) continue;
    const auto terms = core::trading::parse_option_symbol(p.symbol);
    if (!terms || terms->expiry != d) continue;
    // An underlying never printed has no settlement price: its contract cannot be valued.
    if (const std::int64_t close = close_of(terms->underlying); close > 0)
      expiring.emplace(p.instrument, core::trading::intrinsic_paise(*terms, close));
  }
  for (const auto& [instrument, price] : expiring) {
    // Nothing stays open on a contract that has ceased to exist.
    waiting_.erase(instrument);
    std::erase_if(working_, [&](const auto& w) { return w.second.instrument == instrument; });
    std::vector<std::pair<std::string, std::int64_t>> open;  // order key, filled
    for (const auto& [key, o] : state_.orders)
      if (o.instrument == instrument && !core::is_terminal(o.status))
        open.emplace_back(key, o.filled_qty);
    for (const auto& [key, filled] : open)
      publish(ev::order_cancelled{key, filled, "expired"},
              {.key = key + "/cancelled", .corr = key});
    // Each instance's position in the contract is settled on its own.
    core::for_each_position_in(state_, instrument, [&](const std::string& key) {
      if (const auto& p = state_.positions.at(key); p.qty != 0) settle(p, price);
    });
  }
}

void exchange::settle(const core::position_record& p, std::int64_t price) {
  const std::string instrument = p.instrument;
  const std::int64_t qty = p.qty > 0 ? p.qty : -p.qty;
  const auto side = p.qty > 0 ? ev::side::sell : ev::side::buy;
  const std::string key = "settle:" + p.id;
  const std::string strategy = p.strategy;
  const auto charges = core::trading::settlement_charges(charges_, p.qty > 0, qty, price);
  publish(ev::position_exit_triggered{instrument, "expiry", price, qty, strategy},
          {.corr = p.entry_order});
  // The settlement is journaled as an exit order the exchange filled itself, so that the fold,
  // the statistics and `journal` tools read it as any other exit.
  publish(ev::order_intent{key, strategy, instrument, p.symbol, side, qty, ev::purpose::exit,
                           "expiry", price, p.tick_paise, p.lot_size},
          {.key = key, .corr = key});
  publish(ev::order_accepted{key, "BT" + std::to_string(next_id_++)},
          {.key = key + "/accepted", .corr = key});
  const std::string fill_id = "F" + std::to_string(++fills_);
  publish(ev::order_filled{key, fill_id, qty, price, qty, 0, charges.total(), "settlement"},
          {.key = key + "/" + fill_id, .corr = key});
}

}  // namespace strike::backtest
