#include "brokers/paper/paper_book.hpp"

#include <algorithm>

#include "brokers/broker_error.hpp"
#include "core/mul_div.hpp"
#include "events/order_type_traits.hpp"

namespace strike::brokers::paper {

namespace ev = strike::events;
using core::trading::quote;
using events::is_stop;

namespace {

std::int64_t floor_tick(std::int64_t p, std::int64_t t) {
  return p / t * t;
}
std::int64_t ceil_tick(std::int64_t p, std::int64_t t) {
  return (p + t - 1) / t * t;
}

}  // namespace

std::int64_t paper_book::market_price(ev::side side, const quote& q) const {
  const std::int64_t touch =
      side == ev::side::buy ? (q.ask > 0 ? q.ask : q.ltp) : (q.bid > 0 ? q.bid : q.ltp);
  const std::int64_t t = std::max<std::int64_t>(config_.tick_paise, 1);
  // touch × (1 ± slippage), rounded against us: up to a paisa and a tick for a buy, down for a
  // sell.
  if (side == ev::side::buy) {
    const std::int64_t scaled = core::mul_div(touch, 10'000 + config_.slippage_bps, 1);
    return ceil_tick((scaled + 9'999) / 10'000, t);
  }
  return std::max(t, floor_tick(core::mul_div(touch, 10'000 - config_.slippage_bps, 10'000), t));
}

result<order_info> paper_book::place(const order_request& r) {
  if (r.qty <= 0)
    return broker_error(ev::failure_kind::rejected, "paper: quantity must be positive");
  if (r.type == ev::order_type::limit && r.price_paise <= 0)
    return broker_error(ev::failure_kind::rejected, "paper: a limit order needs a price");
  if (!r.tag.empty() && find_by_tag(r.tag))
    return broker_error(ev::failure_kind::rejected,
                        "paper: an order with tag " + r.tag + " exists");
  paper_order o;
  auto& i = o.info;
  char id[32];
  std::snprintf(id, sizeof id, "P%014lld", static_cast<long long>(next_id_++));
  i.broker_id = id;
  i.unique_id = id;
  i.tag = r.tag;
  i.instrument = r.instrument;
  i.symbol = r.symbol;
  i.side = r.side;
  i.type = r.type;
  i.product = r.product;
  i.validity = r.validity;
  i.state = is_stop(r.type) ? order_state::trigger_pending : order_state::open;
  i.status_text = is_stop(r.type) ? "trigger pending" : "open";
  i.qty = r.qty;
  i.pending_qty = r.qty;
  i.price_paise = r.price_paise;
  i.trigger_paise = r.trigger_paise;
  i.updated_ns = clock_.now_ns();
  auto& stored = orders_[i.broker_id] = o;
  if (auto q = quotes_.find(r.instrument); q != quotes_.end()) try_fill(stored, q->second);
  if (stored.info.type == ev::order_type::market && stored.info.state == order_state::open) {
    // No quote to price a market order at: the exchange would reject it too.
    stored.info.state = order_state::rejected;
    stored.info.status_text = "rejected";
    stored.info.reason = "no market price for " + r.instrument;
  }
  return stored.info;
}

result<order_info> paper_book::modify(const modify_request& r) {
  auto it = orders_.find(r.broker_id);
  if (it == orders_.end())
    return broker_error(ev::failure_kind::rejected, "paper: no order " + r.broker_id);
  auto& i = it->second.info;
  if (is_final(i.state))
    return broker_error(ev::failure_kind::rejected,
                        "paper: order " + r.broker_id + " is " + i.status_text);
  if (r.qty < i.filled_qty)
    return broker_error(ev::failure_kind::rejected, "paper: quantity below what has filled");
  i.type = r.type;
  i.qty = r.qty;
  i.pending_qty = r.qty - i.filled_qty;
  i.price_paise = r.price_paise;
  i.trigger_paise = r.trigger_paise;
  i.updated_ns = clock_.now_ns();
  if (auto q = quotes_.find(i.instrument); q != quotes_.end()) try_fill(it->second, q->second);
  return i;
}

result<order_info> paper_book::cancel(const cancel_request& r) {
  auto it = orders_.find(r.broker_id);
  if (it == orders_.end())
    return broker_error(ev::failure_kind::rejected, "paper: no order " + r.broker_id);
  auto& i = it->second.info;
  if (is_final(i.state))
    return broker_error(ev::failure_kind::rejected,
                        "paper: order " + r.broker_id + " is " + i.status_text);
  i.state = order_state::cancelled;
  i.status_text = "cancelled";
  i.cancelled_qty = i.qty - i.filled_qty;
  i.pending_qty = 0;
  i.updated_ns = clock_.now_ns();
  return i;
}

void paper_book::on_quote(const std::string& instrument, const quote& q) {
  quotes_[instrument] = q;
  for (auto& [id, o] : orders_)
    if (o.info.instrument == instrument && !is_final(o.info.state)) try_fill(o, q);
}

void paper_book::try_fill(paper_order& o, const quote& q) {
  auto& i = o.info;
  const bool buy = i.side == ev::side::buy;
  if (i.state == order_state::trigger_pending) {
    const bool triggered = buy ? q.ltp >= i.trigger_paise : q.ltp <= i.trigger_paise;
    if (!triggered) return;
    i.state = order_state::open;
    i.status_text = "open";
    i.type = i.type == ev::order_type::stop_market ? ev::order_type::market : ev::order_type::limit;
  }
  if (i.state != order_state::open) return;
  if (i.type == ev::order_type::market) {
    if (q.ltp > 0 || q.bid > 0 || q.ask > 0) fill(o, market_price(i.side, q));
    return;
  }
  // A limit fills at the touch when marketable, or at its price once the market trades through.
  const std::int64_t touch = buy ? q.ask : q.bid;
  if (touch > 0 && (buy ? touch <= i.price_paise : touch >= i.price_paise)) {
    fill(o, touch);
  } else if (q.ltp > 0 && (buy ? q.ltp < i.price_paise : q.ltp > i.price_paise)) {
    fill(o, i.price_paise);
  }
}

void paper_book::fill(paper_order& o, std::int64_t price) {
  auto& i = o.info;
  const std::int64_t qty = i.qty - i.filled_qty;
  if (qty <= 0) return;
  i.avg_price_paise = (i.avg_price_paise * i.filled_qty + price * qty) / (i.filled_qty + qty);
  i.filled_qty += qty;
  i.pending_qty = 0;
  i.state = order_state::complete;
  i.status_text = "complete";
  i.updated_ns = clock_.now_ns();
  trade_info t{i.broker_id,
               "T" + i.broker_id.substr(1) + "-" + std::to_string(trades_.size() + 1),
               i.instrument.substr(0, i.instrument.find(':')),
               i.symbol,
               i.side,
               i.product,
               qty,
               price,
               i.updated_ns};
  trades_.push_back(t);
  auto& p = positions_[i.instrument];
  p.symbol = i.symbol;
  if (i.side == ev::side::buy) {
    p.qty += qty;
    p.buy_qty += qty;
    p.buy_value += qty * price;
  } else {
    p.qty -= qty;
    p.sell_qty += qty;
    p.sell_value += qty * price;
  }
  pending_fills_.push_back({i, t});
}

std::vector<paper_fill> paper_book::take_fills() {
  std::vector<paper_fill> out;
  out.swap(pending_fills_);
  return out;
}

std::optional<order_info> paper_book::find(const std::string& broker_id) const {
  auto it = orders_.find(broker_id);
  if (it == orders_.end()) return std::nullopt;
  return it->second.info;
}

std::optional<order_info> paper_book::find_by_tag(const std::string& tag) const {
  for (const auto& [id, o] : orders_)
    if (o.info.tag == tag) return o.info;
  return std::nullopt;
}

std::vector<order_info> paper_book::orders() const {
  std::vector<order_info> out;
  for (const auto& [id, o] : orders_) out.push_back(o.info);
  return out;
}

std::vector<position_info> paper_book::positions() const {
  std::vector<position_info> out;
  for (const auto& [instrument, p] : positions_) {
    position_info i;
    i.instrument = instrument;
    i.symbol = p.symbol;
    i.net_qty = p.qty;
    i.buy_qty = p.buy_qty;
    i.sell_qty = p.sell_qty;
    i.buy_value_paise = p.buy_value;
    i.sell_value_paise = p.sell_value;
    i.buy_avg_paise = p.buy_qty ? p.buy_value / p.buy_qty : 0;
    i.sell_avg_paise = p.sell_qty ? p.sell_value / p.sell_qty : 0;
    out.push_back(i);
  }
  return out;
}

void paper_book::restore(const core::state& s) {
  for (const auto& [key, o] : s.orders) {
    if (o.broker_id.empty()) continue;
    paper_order p;
    auto& i = p.info;
    i.broker_id = i.unique_id = o.broker_id;
    i.tag = key;
    i.instrument = o.instrument;
    i.symbol = o.symbol;
    i.side = o.side;
    i.type = o.order_type;
    i.qty = o.qty;
    i.filled_qty = o.filled_qty;
    i.pending_qty = o.qty - o.filled_qty;
    i.price_paise = o.price_paise;
    i.avg_price_paise = o.filled_qty ? o.filled_value_paise / o.filled_qty : 0;
    const bool working = !core::is_terminal(o.status);
    i.state = working                                  ? order_state::open
              : o.status == core::order_status::filled ? order_state::complete
                                                       : order_state::cancelled;
    i.status_text = std::string(to_string(i.state));
    orders_[i.broker_id] = p;
    if (i.broker_id.size() > 1 && i.broker_id[0] == 'P')
      next_id_ = std::max<std::int64_t>(next_id_, std::stoll(i.broker_id.substr(1)) + 1);
  }
  // One net position per contract, as a broker keeps it, whichever instances hold it.
  for (const auto& [key, p] : s.positions) {
    auto& n = positions_[p.instrument];
    n.qty += p.qty;
    n.symbol = p.symbol;
  }
}

}  // namespace strike::brokers::paper
