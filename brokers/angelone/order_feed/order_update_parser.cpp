#include "brokers/angelone/order_feed/order_update_parser.hpp"

#include <array>
#include <utility>

#include "brokers/angelone/json_fields.hpp"
#include "brokers/angelone/time_format.hpp"
#include "brokers/angelone/vocabulary.hpp"

namespace strike::brokers::angelone {

namespace {

constexpr std::array<std::pair<std::string_view, order_state>, 11> codes{{
    {"AB01", order_state::open},
    {"AB02", order_state::cancelled},
    {"AB03", order_state::rejected},
    {"AB04", order_state::open},
    {"AB05", order_state::complete},
    {"AB06", order_state::pending},
    {"AB07", order_state::cancelled},
    {"AB08", order_state::pending},
    {"AB09", order_state::pending},
    {"AB10", order_state::trigger_pending},
    {"AB11", order_state::pending},
}};

// "dd-Mon-yyyy HH:mm:ss" as parse_book_time reads it, for years 1970 to 2261 (parse_book_time
// itself takes any four digits, and years outside 1678..2261 overflow int64 nanoseconds).
std::optional<std::int64_t> book_time(std::string_view text) {
  if (text.size() != 20 || text.substr(7, 4) < "1970" || text.substr(7, 4) > "2261") return std::nullopt;
  return parse_book_time(text);
}

// The update's time: the exchange's update time, else the broker's.
std::int64_t update_time(fields& f) {
  for (const char* key : {"exchorderupdatetime", "updatetime", "exchtime"})
    if (auto t = book_time(f.text(key))) return *t;
  return 0;
}

status read_order(simdjson::dom::object o, const std::string& code, order_update& out) {
  fields f(o);
  order_info& r = out.order;
  r.broker_id = f.text("orderid");
  if (r.broker_id.empty()) return error{"order update " + code + " without an orderid"};
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
  if (r.state == order_state::unknown) r.state = state_of_code(code);
  r.reason = f.text("text");
  r.qty = f.integer("quantity");
  r.filled_qty = f.integer("filledshares");
  r.pending_qty = f.integer("unfilledshares");
  r.cancelled_qty = f.integer("cancelsize");
  r.price_paise = f.paise("price");
  r.trigger_paise = f.paise("triggerprice");
  r.avg_price_paise = f.paise("averageprice");
  r.updated_ns = update_time(f);
  out.fill_id = f.text("fillid");
  const auto when = f.text("filltime");
  if (auto full = book_time(when)) out.fill_ns = *full;
  else if (r.updated_ns != 0)
    if (auto clock = parse_clock_time(when, core::ist_date(r.updated_ns))) out.fill_ns = *clock;
  if (!f.ok()) return error{"order update " + code + " for " + r.broker_id + ": " + f.problem()};
  if (r.qty < 0 || r.filled_qty < 0 || (r.qty > 0 && r.filled_qty > r.qty))
    return error{"order update " + code + " for " + r.broker_id + ": impossible quantities"};
  out.has_order = true;
  return {};
}

}  // namespace

order_state state_of_code(std::string_view code) {
  for (const auto& [c, s] : codes)
    if (c == code) return s;
  return order_state::unknown;
}

result<order_update> parse_order_update(simdjson::dom::parser& parser, std::string_view text) {
  simdjson::dom::element doc;
  simdjson::dom::object top;
  if (parser.parse(text.data(), text.size()).get(doc) || doc.get(top))
    return error{"order update is not a JSON object"};
  fields f(top);
  order_update u;
  u.status_code = f.text("order-status");
  if (u.status_code.empty()) return error{"order update without an order-status"};
  u.client_code = f.text("user-id");
  u.error_message = f.text("error-message");
  simdjson::dom::object data;
  if (top["orderData"].get(data)) return u;  // absent or not an object: no order
  // The greeting's orderData has every field empty.
  fields d(data);
  if (d.text("orderid").empty()) return u;
  if (auto s = read_order(data, u.status_code, u); !s) return s.error();
  return u;
}

}  // namespace strike::brokers::angelone
