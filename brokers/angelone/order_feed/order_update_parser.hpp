// Reads one text message of Angel One's order-update WebSocket (protocol fact sheet, section 8):
//   {"user-id":"S1234567","status-code":"200","order-status":"AB05","error-message":"",
//    "orderData":{ the order-book fields: prices as numbers, quantities as strings, ... }}
// The first message after connecting ("AB00") carries an empty orderData: no order.
//
// Tolerant like the REST parsers (json_fields.hpp): string-or-number values, missing fields
// read as empty. A message that is not a JSON object, has no order-status, or whose order has
// no orderid or an unreadable number is an error naming why. Never reads past the text.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "brokers/broker_types.hpp"
#include "base/result.hpp"

namespace strike::brokers::angelone {

struct order_update {
  std::string status_code;  // "AB00" .. "AB11"
  std::string client_code;  // "user-id"
  std::string error_message;
  bool has_order = false;   // false for the connect greeting
  order_info order;         // state from the status words, else from status_code
  std::string fill_id;      // the order's latest fill, "" when none
  std::int64_t fill_ns = 0; // its time, UTC ns; 0 when unknown
};

// The order state an AB status code stands for (AB04 "modified" is a working order).
order_state state_of_code(std::string_view code);

// parser is reused across messages (its buffers grow to the largest message once).
result<order_update> parse_order_update(simdjson::dom::parser& parser, std::string_view text);

}  // namespace strike::brokers::angelone
