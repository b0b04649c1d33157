// The order-update feed's messages (protocol fact sheet, section 8): the order-book row of the
// order as orderData, under the AB status code of its state.
#include "sim/books.hpp"
#include "sim/stream_hub.hpp"

namespace strike::sim {
namespace {

std::string_view code_of(order_status s) {
  switch (s) {
    case order_status::open:
      return "AB01";
    case order_status::cancelled:
      return "AB02";
    case order_status::rejected:
      return "AB03";
    case order_status::complete:
      return "AB05";
    case order_status::amo_received:
      return "AB06";
    case order_status::trigger_pending:
      return "AB10";
  }
  return "AB01";
}

void open_message(base::json_writer& w, std::string_view client_code, std::string_view code) {
  w.begin_object().key("user-id").value(client_code).key("status-code").value("200");
  w.key("order-status").value(code).key("error-message").value("").key("orderData");
}

}  // namespace

std::string order_update_json(const order& o) {
  std::string out;
  base::json_writer w(out);
  open_message(w, o.client_code, code_of(o.status));
  write_order_row(w, o);
  w.end_object();
  return out;
}

std::string order_update_greeting(std::string_view client_code) {
  static constexpr std::string_view fields[] = {
      "variety",        "ordertype",       "ordertag",     "producttype",
      "price",          "triggerprice",    "quantity",     "disclosedquantity",
      "duration",       "squareoff",       "stoploss",     "trailingstoploss",
      "tradingsymbol",  "transactiontype", "exchange",     "symboltoken",
      "instrumenttype", "strikeprice",     "optiontype",   "expirydate",
      "lotsize",        "cancelsize",      "averageprice", "filledshares",
      "unfilledshares", "orderid",         "text",         "status",
      "orderstatus",    "updatetime",      "exchtime",     "exchorderupdatetime",
      "fillid",         "filltime",        "parentorderid"};
  std::string out;
  base::json_writer w(out);
  open_message(w, client_code, "AB00");
  w.begin_object();
  for (auto f : fields) w.key(f).value("");
  w.end_object().end_object();
  return out;
}

}  // namespace strike::sim
