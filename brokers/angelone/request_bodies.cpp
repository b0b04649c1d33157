#include "brokers/angelone/request_bodies.hpp"

#include "base/json_writer.hpp"
#include "brokers/angelone/time_format.hpp"
#include "brokers/angelone/vocabulary.hpp"
#include "core/market/bar.hpp"
#include "events/order_type_traits.hpp"

namespace strike::brokers::angelone {

using base::json_writer;
using events::is_stop;
using events::order_type;

std::string rupees(std::int64_t paise) {
  return paise == 0 ? "0" : core::market::format_rupees(paise);
}

std::string login_body(std::string_view client_code, std::string_view pin, std::string_view totp) {
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("clientcode").value(client_code);
  w.key("password").value(pin);
  w.key("totp").value(totp);
  w.end_object();
  return out;
}

std::string refresh_body(std::string_view refresh_token) {
  std::string out;
  base::json_writer(out).begin_object().key("refreshToken").value(refresh_token).end_object();
  return out;
}

std::string logout_body(std::string_view client_code) {
  std::string out;
  base::json_writer(out).begin_object().key("clientcode").value(client_code).end_object();
  return out;
}

result<std::string> place_body(const order_request& r) {
  const auto parts = split_instrument(r.instrument);
  if (!parts) return error{"instrument '" + r.instrument + "' is not EXCHANGE:TOKEN"};
  std::string out;
  out.reserve(384);  // the body in one allocation: an order's way out
  base::json_writer w(out);
  w.begin_object();
  w.key("variety").value(variety_of(r.type));
  w.key("tradingsymbol").value(r.symbol);
  w.key("symboltoken").value(parts->token);
  w.key("transactiontype").value(transactiontype_of(r.side));
  w.key("exchange").value(parts->exchange);
  w.key("ordertype").value(ordertype_of(r.type));
  w.key("producttype").value(producttype_of(r.product));
  w.key("duration").value(duration_of(r.validity));
  w.key("price").value(r.type == order_type::market || r.type == order_type::stop_market
                           ? "0"
                           : rupees(r.price_paise));
  w.key("triggerprice").value(is_stop(r.type) ? rupees(r.trigger_paise) : "0");
  w.key("quantity").value(std::to_string(r.qty));
  w.key("squareoff").value("0");
  w.key("stoploss").value("0");
  if (!r.tag.empty()) w.key("ordertag").value(ordertag_for(r.tag));
  w.end_object();
  return out;
}

result<std::string> modify_body(const modify_request& r) {
  const auto parts = split_instrument(r.instrument);
  if (!parts) return error{"instrument '" + r.instrument + "' is not EXCHANGE:TOKEN"};
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("variety").value(variety_of(r.type));
  w.key("orderid").value(r.broker_id);
  w.key("ordertype").value(ordertype_of(r.type));
  w.key("producttype").value(producttype_of(r.product));
  w.key("duration").value(duration_of(r.validity));
  w.key("price").value(r.type == order_type::market || r.type == order_type::stop_market
                           ? "0"
                           : rupees(r.price_paise));
  if (is_stop(r.type)) w.key("triggerprice").value(rupees(r.trigger_paise));
  w.key("quantity").value(std::to_string(r.qty));
  w.key("tradingsymbol").value(r.symbol);
  w.key("symboltoken").value(parts->token);
  w.key("exchange").value(parts->exchange);
  w.end_object();
  return out;
}

std::string cancel_body(const cancel_request& r) {
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("variety").value(variety_of(r.type));
  w.key("orderid").value(r.broker_id);
  w.end_object();
  return out;
}

std::string ltp_body(std::string_view exchange, std::string_view symbol, std::string_view token) {
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("exchange").value(exchange);
  w.key("tradingsymbol").value(symbol);
  w.key("symboltoken").value(token);
  w.end_object();
  return out;
}

std::string candle_body(std::string_view exchange, std::string_view token, candle_interval interval,
                        std::int64_t from_ns, std::int64_t to_ns) {
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("exchange").value(exchange);
  w.key("symboltoken").value(token);
  w.key("interval").value(interval_name(interval));
  w.key("fromdate").value(format_candle_bound(from_ns));
  w.key("todate").value(format_candle_bound(to_ns));
  w.end_object();
  return out;
}

}  // namespace strike::brokers::angelone
