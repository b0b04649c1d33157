#include "daemon/order_requests.hpp"

namespace strike::daemon {

namespace ev = strike::events;

namespace {
// A market order is sent without a price.
std::int64_t request_price(const core::order_record& o) {
  return o.order_type == ev::order_type::market ? 0 : o.price_paise;
}
}  // namespace

brokers::order_request order_request_for(const core::order_record& o, const std::string& key,
                                         brokers::product product) {
  brokers::order_request r;
  r.instrument = o.instrument;
  r.symbol = o.symbol;
  r.side = o.side;
  r.type = o.order_type;
  r.product = product;
  r.qty = o.qty;
  r.price_paise = request_price(o);
  r.trigger_paise = o.trigger_paise;
  r.tag = key;
  r.urgent = o.purpose != ev::purpose::entry;
  return r;
}

bool same_terms(const brokers::order_request& r, const core::order_record& o) {
  return r.instrument == o.instrument && r.side == o.side && r.type == o.order_type &&
         r.qty == o.qty && r.price_paise == request_price(o) && r.trigger_paise == o.trigger_paise;
}

}  // namespace strike::daemon
