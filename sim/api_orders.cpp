// placeOrder, modifyOrder, cancelOrder, the order and trade books, order details, positions
// and holdings.
#include <optional>

#include "sim/books.hpp"
#include "sim/json_fields.hpp"
#include "sim/replies.hpp"
#include "sim/service.hpp"

namespace strike::sim {
namespace {

std::optional<order_kind> parse_kind(std::string_view s) {
  if (s == "MARKET") return order_kind::market;
  if (s == "LIMIT") return order_kind::limit;
  if (s == "STOPLOSS_LIMIT") return order_kind::stoploss_limit;
  if (s == "STOPLOSS_MARKET") return order_kind::stoploss_market;
  return std::nullopt;
}

bool valid_variety(std::string_view v) {
  return v == "NORMAL" || v == "STOPLOSS";
}
bool valid_product(std::string_view p) {
  return p == "DELIVERY" || p == "CARRYFORWARD" || p == "MARGIN" || p == "INTRADAY";
}

std::string ids_json(const order& o, bool with_script) {
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  if (with_script) w.key("script").value(o.req.tradingsymbol);
  w.key("orderid").value(o.orderid).key("uniqueorderid").value(o.uniqueorderid).end_object();
  return out;
}

// Reads price and trigger price; absent means zero, malformed is an error.
bool read_price(const json_fields& b, std::string_view key, std::int64_t& out) {
  if (!b.has(key)) return true;
  auto t = b.text(key);
  if (t && t->empty()) return true;
  auto p = b.paise(key);
  if (!p || *p < 0) return false;
  out = *p;
  return true;
}

// The code a refused modify or cancel is answered with.
std::string_view refusal_code(const matching_engine& e, const account& a,
                              std::string_view orderid) {
  const order* o = e.find(orderid);
  const bool finished = o != nullptr && o->client_code == a.client_code && !is_working(o->status);
  return finished ? codes::order_not_working : codes::order_not_found;
}

}  // namespace

http_response service::place_order(call& c) {
  const auto& b = c.body;
  order_request r;
  r.variety = b.text("variety").value_or("");
  if (!valid_variety(r.variety)) return fail_reply("Invalid Order Variety", codes::invalid_variety);
  auto kind = parse_kind(b.text("ordertype").value_or(""));
  if (!kind) return fail_reply("Invalid Order Type", codes::invalid_parameters);
  r.kind = *kind;
  r.producttype = b.text("producttype").value_or("");
  if (!valid_product(r.producttype))
    return fail_reply("Invalid Product Type", codes::invalid_product);
  const auto side = b.text("transactiontype").value_or("");
  if (side != "BUY" && side != "SELL")
    return fail_reply("Invalid Transaction Type", codes::invalid_parameters);
  r.buy = side == "BUY";
  r.duration = b.text("duration").value_or("DAY");
  if (r.duration != "DAY" && r.duration != "IOC")
    return fail_reply("Invalid Duration", codes::invalid_parameters);
  r.symboltoken = b.text("symboltoken").value_or("");
  if (r.symboltoken.empty())
    return fail_reply("Symbol token cannot be empty", codes::empty_symbol_token);
  const instrument* inst = instruments_.by_token(r.symboltoken);
  r.exchange = b.text("exchange").value_or("");
  r.tradingsymbol = b.text("tradingsymbol").value_or(inst ? inst->symbol : "");
  if (inst == nullptr || inst->exch_seg != r.exchange || inst->symbol != r.tradingsymbol)
    return fail_reply("Symbol Not Found", codes::symbol_not_found);
  auto qty = b.integer("quantity");
  if (!qty) return fail_reply("Invalid Quantity", codes::invalid_parameters);
  r.quantity = *qty;
  r.disclosed = b.integer("disclosedquantity").value_or(0);
  if (!read_price(b, "price", r.price))
    return fail_reply("Invalid Price", codes::invalid_parameters);
  if (!read_price(b, "triggerprice", r.trigger))
    return fail_reply("Invalid Trigger Price", codes::invalid_parameters);
  if (r.kind == order_kind::market) r.price = 0;
  r.ordertag = b.text("ordertag").value_or("");
  if (r.ordertag.size() >= 20)
    return fail_reply("ordertag length should be less than 20 characters",
                      codes::ordertag_too_long);

  order_faults f;
  // A sell is drawn for its own knob only when the general one let it through.
  f.reject = faults_.take_reject() || (!r.buy && faults_.take_reject_sell());
  // Only an order of two lots or more can be split into two trades, so only such an order
  // uses the coalesce knob up.
  f.coalesce_fills = r.quantity >= 2 * inst->lot_size && faults_.take_coalesce_fills();
  f.no_limit_fill = !r.buy && r.kind == order_kind::limit && faults_.take_rest_sell_limit();
  f.partial_ratio = faults_.settings().partial_fill_ratio;
  f.partial_rest_ns = faults_.settings().partial_fill_rest_s * core::ns_per_s;
  const order& o = engine_.place(c.acct->client_code, r, *inst, c.now, f, c.record->seq);
  if (const std::int64_t lag_ms = faults_.settings().order_book_lag_ms; lag_ms > 0) {
    const std::int64_t real_now = real_clock_.now_ns();
    book_lag_.expire(real_now);
    book_lag_.hide(o.orderid, real_now + lag_ms * core::ns_per_ms);
  }
  http_response resp = ok_reply(ids_json(o, true));
  if (faults_.take_drop_after_accept()) {
    resp.mode = reply_mode::drop;
  } else if (faults_.take_empty_order_reply()) {
    resp.mode = reply_mode::empty_body;
  }
  // The order is live already; only its reply waits (on the connection's own timer).
  if (faults_.take_hold_place_reply()) resp.delay_ms = faults_.settings().hold_place_reply_ms;
  return resp;
}

http_response service::modify_order(call& c) {
  const auto& b = c.body;
  const auto id = b.text("orderid").value_or("");
  if (id.empty()) return fail_reply("Invalid Order ID", codes::invalid_parameters);
  order_change ch;
  if (auto v = b.text("variety")) {
    if (!valid_variety(*v)) return fail_reply("Invalid Order Variety", codes::invalid_variety);
    ch.variety = *v;
  }
  if (auto t = b.text("ordertype")) {
    auto k = parse_kind(*t);
    if (!k) return fail_reply("Invalid Order Type", codes::invalid_parameters);
    ch.kind = *k;
  }
  if (b.has("price")) {
    std::int64_t p = 0;
    if (!read_price(b, "price", p)) return fail_reply("Invalid Price", codes::invalid_parameters);
    ch.price = p;
  }
  if (b.has("triggerprice")) {
    std::int64_t p = 0;
    if (!read_price(b, "triggerprice", p))
      return fail_reply("Invalid Trigger Price", codes::invalid_parameters);
    ch.trigger = p;
  }
  if (b.has("quantity")) {
    auto q = b.integer("quantity");
    if (!q) return fail_reply("Invalid Quantity", codes::invalid_parameters);
    ch.quantity = *q;
  }
  if (auto d = b.text("duration")) {
    if (*d != "DAY" && *d != "IOC")
      return fail_reply("Invalid Duration", codes::invalid_parameters);
    ch.duration = *d;
  }
  auto r = engine_.modify(c.acct->client_code, id, ch, c.now);
  if (!r) return fail_reply(r.error().message, refusal_code(engine_, *c.acct, id));
  return ok_reply(ids_json(**r, false));
}

http_response service::cancel_order(call& c) {
  const auto id = c.body.text("orderid").value_or("");
  if (id.empty()) return fail_reply("Invalid Order ID", codes::invalid_parameters);
  // The fill-on-cancel fault: the exchange fills the order just before the cancel reaches it,
  // so the cancel then fails as it does for any complete order.
  const bool armed = faults_.settings().fill_on_cancel_next > 0;
  if (armed && engine_.fill_rest_now(c.acct->client_code, id, c.now)) faults_.take_fill_on_cancel();
  // The trigger-on-cancel fault: the market reaches a resting stop's trigger just before its
  // cancel, so the stop fills and the cancel fails (an exit racing the protective stop).
  const bool stop_armed = faults_.settings().trigger_on_cancel_next > 0;
  if (stop_armed && engine_.trigger_now(c.acct->client_code, id, c.now))
    faults_.take_trigger_on_cancel();
  auto r = engine_.cancel(c.acct->client_code, id, c.now);
  if (!r) return fail_reply(r.error().message, refusal_code(engine_, *c.acct, id));
  return ok_reply(ids_json(**r, false));
}

bool service::in_books(std::string_view orderid) const {
  return !book_lag_.hidden(orderid, real_clock_.now_ns());
}

http_response service::order_book(call& c) {
  std::string out;
  base::json_writer w(out);
  w.begin_array();
  bool any = false;
  for (const auto& o : engine_.orders()) {
    if (o.client_code != c.acct->client_code || !in_books(o.orderid)) continue;
    write_order_row(w, o);
    any = true;
  }
  w.end_array();
  // An empty book is answered with data null, as observed from the real API.
  return ok_reply(any ? out : "null");
}

http_response service::trade_book(call& c) {
  std::string out;
  base::json_writer w(out);
  w.begin_array();
  bool any = false;
  for (const auto& f : engine_.fills()) {
    if (f.client_code != c.acct->client_code || !in_books(f.orderid)) continue;
    write_trade_row(w, f);
    any = true;
  }
  w.end_array();
  return ok_reply(any ? out : "null");
}

http_response service::order_details(call& c) {
  const std::string& id = order_details_detail_;
  const order* o = engine_.find_unique(id);
  if (o == nullptr) o = engine_.find(id);
  if (o == nullptr || o->client_code != c.acct->client_code || !in_books(o->orderid))
    return fail_reply("Order not found", codes::order_not_found);
  std::string out;
  base::json_writer w(out);
  write_order_row(w, *o);
  return ok_reply(out);
}

http_response service::position_book(call& c) {
  const auto positions = positions_of(engine_.fills(), c.acct->client_code);
  if (positions.empty()) return ok_reply("null");
  std::string out;
  base::json_writer w(out);
  w.begin_array();
  for (const auto& p : positions) write_position_row(w, p, market_.at(*p.inst, c.now).ltp);
  w.end_array();
  return ok_reply(out);
}

http_response service::holdings(call& c) {
  // Index options are never held in demat; the simulated account holds nothing.
  if (c.req.path().ends_with("getAllHolding")) {
    return ok_reply(R"({"holdings":[],"totalholding":{"totalholdingvalue":0,"totalinvvalue":0,)"
                    R"("totalprofitandloss":0,"totalpnlpercentage":0}})");
  }
  return ok_reply("[]");
}

}  // namespace strike::sim
