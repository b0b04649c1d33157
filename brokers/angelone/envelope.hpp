// The envelope around every Angel One reply, in both spellings the API uses:
//   {"status":true,"message":"SUCCESS","errorcode":"","data":...}      (application)
//   {"success":false,"message":"Invalid Token","errorCode":"AG8001","data":""}  (gateway)
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace strike::brokers::angelone {

struct envelope {
  bool success = false;
  std::string message;
  std::string code;               // "AB1050", "AG8001", ... empty on success
  // Lives until the parser parses again. Read it only when has_data.
  simdjson::dom::element data;
  bool has_data = false;  // false when "data" is absent

  // No data: absent, null, "" or an empty array or object. Empty books arrive in all of
  // these forms.
  bool data_empty() const;
};

// Parses body with parser. An error (kind bad_response) when the body is not JSON, not an
// object, or carries neither "status" nor "success".
result<envelope> parse_envelope(simdjson::dom::parser& parser, std::string_view body);

}  // namespace strike::brokers::angelone
