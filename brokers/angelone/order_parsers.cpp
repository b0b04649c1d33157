#include "brokers/angelone/json_fields.hpp"
#include "brokers/angelone/parsers.hpp"
#include "brokers/angelone/time_format.hpp"
#include "brokers/angelone/vocabulary.hpp"
#include "brokers/broker_error.hpp"

namespace strike::brokers::angelone {

using events::failure_kind;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

namespace {

error bad(std::string what) { return broker_error(failure_kind::bad_response, std::move(what)); }

result<order_info> order_from(object o) {
  fields f(o);
  order_info r;
  r.broker_id = f.text("orderid");
  if (r.broker_id.empty()) return bad("order without an orderid");
  r.unique_id = f.text("uniqueorderid");
  r.exchange_id = f.text("exchangeorderid");
  r.tag = f.text("ordertag");
  const auto exchange = f.text("exchange");
  const auto token = f.text("symboltoken");
  if (!exchange.empty() && !token.empty()) r.instrument = exchange + ":" + token;
  r.symbol = f.text("tradingsymbol");
  if (auto s = side_from(f.text("transactiontype"))) r.side = *s;
  if (auto t = order_type_from(f.text("ordertype"))) r.type = *t;
  if (auto p = product_from(f.text("producttype"))) r.product = *p;
  if (auto v = validity_from(f.text("duration"))) r.validity = *v;
  r.status_text = f.text("orderstatus");
  if (r.status_text.empty()) r.status_text = f.text("status");
  r.state = state_from(r.status_text);
  r.reason = f.text("text");
  r.qty = f.integer("quantity");
  r.filled_qty = f.integer("filledshares");
  r.pending_qty = f.integer("unfilledshares");
  r.cancelled_qty = f.integer("cancelsize");
  r.price_paise = f.paise("price");
  r.trigger_paise = f.paise("triggerprice");
  r.avg_price_paise = f.paise("averageprice");
  for (const char* key : {"exchorderupdatetime", "updatetime", "exchtime"}) {
    if (auto t = parse_book_time(f.text(key))) {
      r.updated_ns = *t;
      break;
    }
  }
  if (!f.ok()) return bad("order " + r.broker_id + ": " + f.problem());
  return r;
}

}  // namespace

result<order_ack> parse_order_ack(const envelope& reply) {
  object o;
  if (!reply.has_data || reply.data.get(o)) return bad("reply data is not an object");
  fields f(o);
  order_ack ack;
  ack.broker_id = f.text("orderid");
  ack.unique_id = f.text("uniqueorderid");
  if (ack.broker_id.empty()) return bad("reply has no orderid");
  return ack;
}

result<std::vector<order_info>> parse_order_book(const envelope& reply) {
  std::vector<order_info> out;
  if (reply.data_empty()) return out;
  array rows;
  if (reply.data.get(rows)) return bad("order book is not a list");
  out.reserve(rows.size());
  std::size_t i = 0;
  for (element row : rows) {
    object o;
    if (row.get(o)) return bad("order book row " + std::to_string(i) + " is not an object");
    auto r = order_from(o);
    if (!r) return bad("order book row " + std::to_string(i) + ": " + r.error().message);
    out.push_back(std::move(*r));
    ++i;
  }
  return out;
}

result<order_info> parse_order_details(const envelope& reply) {
  object o;
  if (!reply.has_data || reply.data.get(o)) return bad("order details are not an object");
  return order_from(o);
}

result<std::vector<trade_info>> parse_trade_book(const envelope& reply, core::civil_date today) {
  std::vector<trade_info> out;
  if (reply.data_empty()) return out;
  array rows;
  if (reply.data.get(rows)) return bad("trade book is not a list");
  std::size_t i = 0;
  for (element row : rows) {
    object o;
    if (row.get(o)) return bad("trade book row " + std::to_string(i) + " is not an object");
    fields f(o);
    trade_info t;
    t.broker_id = f.text("orderid");
    t.fill_id = f.text("fillid");
    t.exchange = f.text("exchange");
    t.symbol = f.text("tradingsymbol");
    if (auto s = side_from(f.text("transactiontype"))) t.side = *s;
    if (auto p = product_from(f.text("producttype"))) t.product = *p;
    t.qty = f.integer("fillsize");
    t.price_paise = f.paise("fillprice");
    const auto when = f.text("filltime");
    if (auto ns = parse_clock_time(when, today)) t.fill_ns = *ns;
    else if (auto full = parse_book_time(when)) t.fill_ns = *full;
    if (!f.ok()) return bad("trade book row " + std::to_string(i) + ": " + f.problem());
    if (t.broker_id.empty()) return bad("trade book row " + std::to_string(i) + " has no orderid");
    out.push_back(std::move(t));
    ++i;
  }
  return out;
}

}  // namespace strike::brokers::angelone
