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

error bad(std::string what) {
  return broker_error(failure_kind::bad_response, std::move(what));
}

result<object> data_object(const envelope& reply, std::string_view what) {
  object o;
  if (!reply.has_data || reply.data.get(o)) return bad(std::string(what) + " is not an object");
  return o;
}

std::vector<std::string> text_list(object o, std::string_view key) {
  std::vector<std::string> out;
  array a;
  if (o[key].get(a)) return out;
  for (element e : a) {
    std::string_view s;
    if (!e.get(s)) out.emplace_back(s);
  }
  return out;
}

}  // namespace

result<session_tokens> parse_tokens(const envelope& reply) {
  auto o = data_object(reply, "token data");
  if (!o) return o.error();
  fields f(*o);
  session_tokens t{f.text("jwtToken"), f.text("refreshToken"), f.text("feedToken")};
  // A token given with its scheme would be sent as "Bearer Bearer ...".
  constexpr std::string_view bearer = "Bearer ";
  if (t.jwt.rfind(bearer, 0) == 0) t.jwt.erase(0, bearer.size());
  if (t.jwt.empty() || t.refresh.empty()) return bad("token data lacks jwtToken or refreshToken");
  return t;
}

result<profile_info> parse_profile(const envelope& reply) {
  auto o = data_object(reply, "profile");
  if (!o) return o.error();
  fields f(*o);
  profile_info p;
  p.client_code = f.text("clientcode");
  p.name = f.text("name");
  p.exchanges = text_list(*o, "exchanges");
  p.products = text_list(*o, "products");
  return p;
}

result<std::vector<position_info>> parse_positions(const envelope& reply) {
  std::vector<position_info> out;
  if (reply.data_empty()) return out;
  array rows;
  if (reply.data.get(rows)) return bad("positions are not a list");
  std::size_t i = 0;
  for (element row : rows) {
    object o;
    if (row.get(o)) return bad("position row " + std::to_string(i) + " is not an object");
    fields f(o);
    position_info p;
    const auto exchange = f.text("exchange");
    const auto token = f.text("symboltoken");
    if (!exchange.empty() && !token.empty()) p.instrument = exchange + ":" + token;
    p.symbol = f.text("tradingsymbol");
    if (auto pr = product_from(f.text("producttype"))) p.product = *pr;
    p.net_qty = f.integer("netqty");
    p.buy_qty = f.integer("buyqty");
    p.sell_qty = f.integer("sellqty");
    p.buy_avg_paise = f.paise(f.has("buyavgprice") ? "buyavgprice" : "totalbuyavgprice");
    p.sell_avg_paise = f.paise(f.has("sellavgprice") ? "sellavgprice" : "totalsellavgprice");
    p.buy_value_paise = f.paise(f.has("buyamount") ? "buyamount" : "totalbuyvalue");
    p.sell_value_paise = f.paise(f.has("sellamount") ? "sellamount" : "totalsellvalue");
    p.net_avg_paise = f.has("avgnetprice") ? f.paise("avgnetprice")
                      : f.has("netprice")  ? f.paise("netprice")
                                           : 0;
    if (p.net_avg_paise <= 0 && p.net_qty > 0 && f.has("cfbuyavgprice"))
      p.net_avg_paise = f.paise("cfbuyavgprice");
    if (p.net_avg_paise <= 0 && p.net_qty < 0 && f.has("cfsellavgprice"))
      p.net_avg_paise = f.paise("cfsellavgprice");
    if (p.net_avg_paise < 0) p.net_avg_paise = -p.net_avg_paise;
    p.lot_size = f.integer("lotsize");
    if (!f.ok()) return bad("position row " + std::to_string(i) + ": " + f.problem());
    out.push_back(std::move(p));
    ++i;
  }
  return out;
}

result<funds_info> parse_funds(const envelope& reply) {
  auto o = data_object(reply, "funds");
  if (!o) return o.error();
  fields f(*o);
  funds_info r;
  r.net_paise = f.paise("net");
  r.available_cash_paise = f.paise("availablecash");
  r.utilised_paise = f.paise("utiliseddebits");
  r.realised_m2m_paise = f.paise("m2mrealized");
  r.unrealised_m2m_paise = f.paise("m2munrealized");
  r.collateral_paise = f.paise("collateral");
  if (!f.ok()) return bad("funds: " + f.problem());
  return r;
}

result<std::int64_t> parse_ltp(const envelope& reply) {
  auto o = data_object(reply, "ltp data");
  if (!o) return o.error();
  fields f(*o);
  if (!f.has("ltp")) return bad("ltp data has no ltp");
  const auto ltp = f.paise("ltp");
  if (!f.ok()) return bad("ltp data: " + f.problem());
  return ltp;
}

result<std::vector<candle>> parse_candles(const envelope& reply) {
  std::vector<candle> out;
  if (reply.data_empty()) return out;
  array rows;
  if (reply.data.get(rows)) return bad("candles are not a list");
  out.reserve(rows.size());
  std::size_t i = 0;
  for (element row : rows) {
    const auto where = "candle " + std::to_string(i);
    array cells;
    if (row.get(cells) || cells.size() < 6) return bad(where + " is not [time, o, h, l, c, v]");
    std::string_view stamp;
    if (cells.at(0).get(stamp)) return bad(where + ": time is not text");
    auto t = parse_iso_time(stamp);
    if (!t) return bad(where + ": bad time " + std::string(stamp.substr(0, 40)));
    candle c;
    c.open_ns = *t;
    std::int64_t* targets[] = {&c.open_paise, &c.high_paise, &c.low_paise, &c.close_paise};
    for (std::size_t k = 0; k < 5; ++k) {
      const auto v = scaled_number(cells.at(k + 1).value_unsafe(), k < 4 ? 2 : 0);
      if (!v) return bad(where + ": value " + std::to_string(k + 1) + " is not a number in range");
      if (k < 4)
        *targets[k] = *v;
      else
        c.volume = *v;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

}  // namespace strike::brokers::angelone
