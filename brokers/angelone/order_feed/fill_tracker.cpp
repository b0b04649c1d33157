#include "brokers/angelone/order_feed/fill_tracker.hpp"

#include <limits>

namespace strike::brokers::angelone {
namespace {

std::string signature_of(const order_update& u) {
  const auto& o = u.order;
  std::string s = u.status_code;
  for (const std::string* text : {&o.status_text, &o.reason, &u.fill_id}) s += '\x1f' + *text;
  for (std::int64_t n : {o.qty, o.filled_qty, o.pending_qty, o.cancelled_qty, o.price_paise, o.trigger_paise,
                         o.avg_price_paise, o.updated_ns, u.fill_ns})
    s += '\x1f' + std::to_string(n);
  return s;
}

// Rounded to nearest, half away from zero; den > 0.
wide_int divide_rounded(wide_int num, std::int64_t den) { return (num >= 0 ? num + den / 2 : num - den / 2) / den; }

std::int64_t clamped(wide_int v) {
  constexpr auto hi = std::numeric_limits<std::int64_t>::max();
  constexpr auto lo = std::numeric_limits<std::int64_t>::min();
  return v > hi ? hi : v < lo ? lo : static_cast<std::int64_t>(v);
}

}  // namespace

std::int64_t fill_tracker::tick_of(const std::string& instrument) const {
  const std::int64_t t = ticks_ ? ticks_(instrument) : 0;
  return t > 0 ? t : 5;
}

fill_tracker::seen& fill_tracker::slot(const std::string& broker_id, bool& created) {
  auto it = orders_.find(broker_id);
  created = it == orders_.end();
  if (created) {
    if (orders_.size() >= max_orders_) {
      orders_.erase(by_age_.front());
      by_age_.pop_front();
    }
    it = orders_.emplace(broker_id, seen{}).first;
    it->second.age = by_age_.insert(by_age_.end(), broker_id);
  } else {
    by_age_.splice(by_age_.end(), by_age_, it->second.age);
  }
  return it->second;
}

fill_tracker::verdict fill_tracker::on_update(const order_update& u, std::optional<trade_info>& fill) {
  fill.reset();
  const auto& o = u.order;
  bool created = false;
  seen& s = slot(o.broker_id, created);
  auto signature = signature_of(u);
  if (!created && signature == s.signature) return verdict::repeat;
  s.signature = std::move(signature);

  const wide_int value = static_cast<wide_int>(o.avg_price_paise) * o.filled_qty;
  if (created || !s.continuous) {
    // The first update on this connection is the baseline later ones are measured from.
    s.continuous = true;
  } else if (o.filled_qty > s.filled && !u.fill_id.empty() && u.fill_id != s.fill_id) {
    const std::int64_t qty = o.filled_qty - s.filled;
    wide_int price = divide_rounded(value - s.value, qty);
    if (s.filled > 0) {  // averages are rounded: the fill was at a tick
      const std::int64_t tick = tick_of(o.instrument);
      price = divide_rounded(price, tick) * tick;
    }
    trade_info t;
    t.broker_id = o.broker_id;
    t.fill_id = u.fill_id;
    const auto colon = o.instrument.find(':');
    t.exchange = colon == std::string::npos ? "" : o.instrument.substr(0, colon);
    t.symbol = o.symbol;
    t.side = o.side;
    t.product = o.product;
    t.qty = qty;
    t.price_paise = clamped(price);
    t.fill_ns = u.fill_ns != 0 ? u.fill_ns : o.updated_ns;
    fill = std::move(t);
  } else if (o.filled_qty < s.filled) {
    s.continuous = false;  // cannot happen in order; do not trust this order's history
  }
  s.filled = o.filled_qty;
  s.value = value;
  s.fill_id = u.fill_id;
  return verdict::fresh;
}

void fill_tracker::reset() {
  for (auto& [_, s] : orders_) s.continuous = false;
}

}  // namespace strike::brokers::angelone
