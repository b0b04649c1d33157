#include "sim/matching_engine.hpp"

#include <algorithm>
#include <cassert>
#include <cstdio>

#include "core/clock.hpp"
#include "core/ist.hpp"

namespace strike::sim {
namespace {

// The price one tick beyond price on the side the order takes from, within its limit.
std::int64_t deeper_level(const order& o, std::int64_t price) {
  const std::int64_t tick = o.inst->tick_paise;
  const bool limit = o.req.kind == order_kind::limit || o.req.kind == order_kind::stoploss_limit;
  if (o.req.buy) return limit ? std::min(price + tick, o.req.price) : price + tick;
  const std::int64_t lower = std::max(price - tick, tick);
  return limit ? std::max(lower, o.req.price) : lower;
}

}  // namespace

matching_engine::matching_engine(market& mkt, std::uint64_t seed)
    : market_(mkt), rng_(seed ^ 0x0DE55ULL) {}

void matching_engine::open_account(const std::string& client_code, std::int64_t cash_paise) {
  initial_cash_[client_code] = cash_paise;
}

std::string matching_engine::next_orderid(std::int64_t now_ns) {
  const auto d = core::ist_date(now_ns);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d%02d%02d%09llu", d.year % 100, d.month, d.day,
                static_cast<unsigned long long>(++order_seq_));
  return buf;
}

std::string matching_engine::next_uuid() {
  const std::uint64_t a = rng_.next(), b = rng_.next();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-4%03llx-%04llx-%012llx",
                static_cast<unsigned long long>(a >> 32),
                static_cast<unsigned long long>((a >> 16) & 0xFFFF),
                static_cast<unsigned long long>(a & 0xFFF),
                static_cast<unsigned long long>(0x8000 | ((b >> 48) & 0x3FFF)),
                static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
  return buf;
}

std::int64_t matching_engine::blocked_value(const order& o) const {
  if (!o.req.buy || !is_working(o.status)) return 0;
  std::int64_t price = o.req.price;
  if (price == 0) price = o.req.trigger;
  if (price == 0) price = o.last_fill_ns ? o.average_price() : 0;
  return price * o.remaining();
}

funds matching_engine::funds_of(const std::string& client_code) const {
  funds f;
  if (auto it = initial_cash_.find(client_code); it != initial_cash_.end()) f.initial = it->second;
  for (const auto& x : fills_)
    if (x.client_code == client_code) f.cash_flow += (x.buy ? -1 : 1) * x.price * x.quantity;
  for (std::size_t i : working_)
    if (orders_[i].client_code == client_code) f.blocked += blocked_value(orders_[i]);
  return f;
}

std::string matching_engine::reject_reason(const order& o, std::int64_t now_ns) const {
  const auto& r = o.req;
  const auto& inst = *o.inst;
  if (inst.is_index) return "Index instruments cannot be traded";
  if (now_ns >= inst.expiry_ns) return "The contract has expired";
  if (r.quantity <= 0 || r.quantity % inst.lot_size != 0)
    return "Quantity should be a multiple of the lot size " + std::to_string(inst.lot_size);
  if (r.quantity > freeze_qty_for(inst.underlying))
    return "Quantity exceeds the freeze limit of " +
           std::to_string(freeze_qty_for(inst.underlying)) + " for the contract";
  const bool stop = r.kind == order_kind::stoploss_limit || r.kind == order_kind::stoploss_market;
  if (stop != (r.variety == "STOPLOSS"))
    return stop ? "Stop-loss orders need variety STOPLOSS"
                : "Variety STOPLOSS needs a stop-loss order type";
  const bool limit = r.kind == order_kind::limit || r.kind == order_kind::stoploss_limit;
  if (limit && r.price <= 0) return "Price must be greater than zero for a limit order";
  if (r.price % inst.tick_paise != 0 || r.trigger % inst.tick_paise != 0)
    return "Price should be a multiple of the tick size 0.05";
  if (stop && r.trigger <= 0) return "Trigger price is required for stop-loss orders";
  if (r.kind == order_kind::stoploss_limit) {
    if (r.buy && r.price < r.trigger)
      return "Trigger price should be less than or equal to the limit price for a buy order";
    if (!r.buy && r.price > r.trigger)
      return "Trigger price should be greater than or equal to the limit price for a sell order";
  }
  if (r.buy) {
    auto f = funds_of(o.client_code);
    std::int64_t price = limit ? r.price : market_.at(inst, now_ns).ask;
    if (r.kind == order_kind::stoploss_market) price = std::max(price, r.trigger);
    const std::int64_t need = price * r.quantity;
    if (need > f.available()) {
      char buf[200];
      std::snprintf(buf, sizeof buf,
                    "Your order has been rejected due to Insufficient Funds. Available funds - Rs. "
                    "%.2f . You "
                    "require Rs. %.2f funds to execute this order.",
                    static_cast<double>(f.available()) / 100.0, static_cast<double>(need) / 100.0);
      return buf;
    }
  }
  return {};
}

const order& matching_engine::place(const std::string& client_code, const order_request& req,
                                    const instrument& inst, std::int64_t now_ns,
                                    const order_faults& faults, std::uint64_t request_seq) {
  advance_to(now_ns);
  order o;
  o.orderid = next_orderid(now_ns);
  o.uniqueorderid = next_uuid();
  o.client_code = client_code;
  o.req = req;
  o.inst = &inst;
  o.placed_ns = o.updated_ns = now_ns;
  o.partial_ratio = faults.partial_ratio;
  o.partial_rest_ns = faults.partial_rest_ns;
  o.coalesce_fills = faults.coalesce_fills;
  o.no_limit_fill = faults.no_limit_fill;
  o.request_seq = request_seq;
  std::string why = faults.reject ? "Order rejected by the simulator (fault injection)"
                                  : reject_reason(o, now_ns);
  const std::size_t index = orders_.size();
  orders_.push_back(std::move(o));
  order& placed = orders_.back();
  by_id_[placed.orderid] = index;
  by_unique_[placed.uniqueorderid] = index;
  if (!why.empty()) {
    placed.status = order_status::rejected;
    placed.text = std::move(why);
    notify(placed, nullptr);
    return placed;
  }
  working_.push_back(index);
  if (!market_.path().in_session(now_ns)) {
    placed.status = order_status::amo_received;
    notify(placed, nullptr);
    return placed;
  }
  activate(placed, now_ns);
  prune_working();
  return placed;
}

void matching_engine::activate(order& o, std::int64_t t) {
  o.exchange_ns = t;
  o.updated_ns = t;
  o.day_end_ns = session_close_ns(core::ist_date(t));
  o.rested = false;
  const bool stop =
      o.req.kind == order_kind::stoploss_limit || o.req.kind == order_kind::stoploss_market;
  o.status = stop ? order_status::trigger_pending : order_status::open;
  notify(o, nullptr);
  step(o, t);
  if (o.req.duration == "IOC" && is_working(o.status) && o.status != order_status::trigger_pending)
    finish(o, order_status::cancelled, t, "IOC order cancelled: no immediate match for the rest");
}

void matching_engine::step(order& o, std::int64_t t) {
  const quote q = market_.at(*o.inst, t);
  if (o.status == order_status::trigger_pending) {
    const bool hit = o.req.buy ? q.ltp >= o.req.trigger : q.ltp <= o.req.trigger;
    if (!hit) return;
    o.status = order_status::open;
    o.updated_ns = t;
    o.rested = false;
    notify(o, nullptr);
  }
  if (o.status != order_status::open) return;
  if (o.filled > 0 && t < o.next_fill_ns) return;
  const bool at_market =
      o.req.kind == order_kind::market || o.req.kind == order_kind::stoploss_market;
  const std::int64_t touch = o.req.buy ? q.ask : q.bid;
  if (at_market) {
    execute(o, t, touch);
    return;
  }
  const bool marketable = o.req.buy ? touch <= o.req.price : touch >= o.req.price;
  if (marketable && !o.no_limit_fill) {
    execute(o, t, o.rested ? o.req.price : touch);
  } else {
    o.rested = true;
  }
}

void matching_engine::execute(order& o, std::int64_t t, std::int64_t price) {
  std::int64_t qty = o.remaining();
  if (o.filled == 0 && o.partial_ratio > 0 && o.partial_ratio < 1) {
    const std::int64_t lot = o.inst->lot_size;
    const auto lots = static_cast<std::int64_t>(static_cast<double>(qty / lot) * o.partial_ratio);
    qty = std::max<std::int64_t>(1, lots) * lot;
    qty = std::min(qty, o.remaining());
    o.next_fill_ns = t + o.partial_rest_ns;
  }
  trade(o, t, price, qty);
}

void matching_engine::trade(order& o, std::int64_t t, std::int64_t price, std::int64_t qty) {
  assert(qty > 0 && qty <= o.remaining());
  assert(price > 0);
  const std::int64_t lot = o.inst->lot_size;
  if (o.coalesce_fills && qty >= 2 * lot) {
    // Two resting orders met at once: half the lots at price, the rest one level deeper,
    // both reported in one change.
    o.coalesce_fills = false;
    const std::int64_t first = qty / lot / 2 * lot;
    record_fill(o, t, price, first);
    record_fill(o, t, deeper_level(o, price), qty - first);
  } else {
    record_fill(o, t, price, qty);
  }
  if (o.remaining() == 0) o.status = order_status::complete;
  notify(o, &fills_.back());
}

void matching_engine::record_fill(order& o, std::int64_t t, std::int64_t price, std::int64_t qty) {
  fill f;
  char id[24];
  std::snprintf(id, sizeof id, "%llu", static_cast<unsigned long long>(++fill_seq_));
  f.fillid = id;
  f.orderid = o.orderid;
  f.client_code = o.client_code;
  f.inst = o.inst;
  f.producttype = o.req.producttype;
  f.buy = o.req.buy;
  f.price = price;
  f.quantity = qty;
  f.time_ns = t;
  fills_.push_back(f);
  o.filled += qty;
  o.filled_value += price * qty;
  o.last_fill_ns = t;
  o.last_fill_id = f.fillid;
  o.updated_ns = t;
}

void matching_engine::finish(order& o, order_status s, std::int64_t t, std::string text) {
  if (s == order_status::cancelled) o.cancelled += o.remaining();
  o.status = s;
  o.updated_ns = t;
  if (!text.empty()) o.text = std::move(text);
  notify(o, nullptr);
}

void matching_engine::notify(const order& o, const fill* f) {
  for (auto& l : listeners_) l(o, f);
}

void matching_engine::prune_working() {
  std::erase_if(working_, [&](std::size_t i) { return !is_working(orders_[i].status); });
}

void matching_engine::advance_to(std::int64_t now_ns) {
  if (now_ns <= evaluated_ns_) return;
  std::int64_t t = (evaluated_ns_ / core::ns_per_s + 1) * core::ns_per_s;
  while (!working_.empty() && t <= now_ns) {
    for (std::size_t i : working_) {
      order& o = orders_[i];
      if (o.status != order_status::amo_received && o.day_end_ns != 0 && t >= o.day_end_ns)
        finish(o, order_status::cancelled, o.day_end_ns,
               "Order cancelled at the end of the session");
    }
    prune_working();
    if (!market_.path().in_session(t)) {
      t = market_.path().next_session_open(t);
      continue;
    }
    // Orders may be added by activation callbacks; iterate over a snapshot of indices.
    const auto snapshot = working_;
    for (std::size_t i : snapshot) {
      order& o = orders_[i];
      if (o.placed_ns >= t) continue;
      if (o.status == order_status::amo_received) {
        activate(o, t);
      } else {
        step(o, t);
      }
    }
    prune_working();
    t += core::ns_per_s;
  }
  evaluated_ns_ = now_ns;
}

order* matching_engine::find_mut(std::string_view orderid) {
  auto it = by_id_.find(orderid);
  return it == by_id_.end() ? nullptr : &orders_[it->second];
}

const order* matching_engine::find(std::string_view orderid) const {
  auto it = by_id_.find(orderid);
  return it == by_id_.end() ? nullptr : &orders_[it->second];
}

const order* matching_engine::find_unique(std::string_view uniqueorderid) const {
  auto it = by_unique_.find(uniqueorderid);
  return it == by_unique_.end() ? nullptr : &orders_[it->second];
}

result<const order*> matching_engine::modify(const std::string& client_code,
                                             std::string_view orderid, const order_change& change,
                                             std::int64_t now_ns) {
  advance_to(now_ns);
  order* o = find_mut(orderid);
  if (o == nullptr || o->client_code != client_code) return error{"Order not found"};
  if (!is_working(o->status))
    return error{"Order cannot be modified: it is " + std::string(status_text(o->status))};
  order candidate = *o;
  if (change.variety) candidate.req.variety = *change.variety;
  if (change.kind) candidate.req.kind = *change.kind;
  if (change.price) candidate.req.price = *change.price;
  if (change.trigger) candidate.req.trigger = *change.trigger;
  if (change.quantity) candidate.req.quantity = *change.quantity;
  if (change.duration) candidate.req.duration = *change.duration;
  if (candidate.req.kind == order_kind::market) candidate.req.price = 0;
  if (candidate.req.quantity <= candidate.filled)
    return error{"Quantity must be more than the filled quantity"};
  // Funds and prices are checked as for a new order, but without this order's own block.
  const auto saved = o->status;
  o->status = order_status::cancelled;  // exclude it from blocked funds while checking
  std::string why = reject_reason(candidate, now_ns);
  o->status = saved;
  if (!why.empty()) return error{why};
  o->req = candidate.req;
  o->modifications++;
  o->updated_ns = now_ns;
  const bool stop =
      o->req.kind == order_kind::stoploss_limit || o->req.kind == order_kind::stoploss_market;
  if (o->status != order_status::amo_received) {
    if (stop && o->status == order_status::open && o->filled == 0)
      o->status = order_status::trigger_pending;
    if (!stop && o->status == order_status::trigger_pending) o->status = order_status::open;
    o->rested = false;
    notify(*o, nullptr);
    step(*o, now_ns);
  } else {
    notify(*o, nullptr);
  }
  prune_working();
  return static_cast<const order*>(o);
}

bool matching_engine::fill_rest_now(const std::string& client_code, std::string_view orderid,
                                    std::int64_t now_ns) {
  advance_to(now_ns);
  order* o = find_mut(orderid);
  if (o == nullptr || o->client_code != client_code || o->status != order_status::open)
    return false;
  const quote q = market_.at(*o->inst, now_ns);
  const std::int64_t touch = o->req.buy ? q.ask : q.bid;
  std::int64_t price = touch;
  if (o->req.kind == order_kind::limit || o->req.kind == order_kind::stoploss_limit) {
    // As step() would price it once the market reached the limit.
    const bool marketable = o->req.buy ? touch <= o->req.price : touch >= o->req.price;
    price = marketable && !o->rested ? touch : o->req.price;
  }
  trade(*o, now_ns, price, o->remaining());
  prune_working();
  return true;
}

bool matching_engine::trigger_now(const std::string& client_code, std::string_view orderid,
                                  std::int64_t now_ns) {
  advance_to(now_ns);
  order* o = find_mut(orderid);
  if (o == nullptr || o->client_code != client_code || o->status != order_status::trigger_pending)
    return false;
  trade(*o, now_ns, o->req.trigger, o->remaining());
  prune_working();
  return true;
}

result<const order*> matching_engine::cancel(const std::string& client_code,
                                             std::string_view orderid, std::int64_t now_ns) {
  advance_to(now_ns);
  order* o = find_mut(orderid);
  if (o == nullptr || o->client_code != client_code) return error{"Order not found"};
  if (!is_working(o->status))
    return error{"Order cannot be cancelled: it is " + std::string(status_text(o->status))};
  finish(*o, order_status::cancelled, now_ns, "Cancelled by the user");
  prune_working();
  return static_cast<const order*>(o);
}

}  // namespace strike::sim
