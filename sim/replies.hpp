// The SmartAPI reply shapes and error codes, kept in one place because several of them are
// only partly documented (see the protocol fact sheet, sections 3.1 and 4).
#pragma once

#include <string>
#include <string_view>

#include "sim/http_types.hpp"

namespace strike::sim {

namespace codes {
// Gateway codes: answered with the {"success","message","errorCode","data"} envelope.
inline constexpr std::string_view invalid_token = "AG8001";  // also sent for expired sessions
inline constexpr std::string_view token_missing = "AG8003";
inline constexpr std::string_view invalid_api_key = "AG8004";
// Application codes: answered with the {"status","message","errorcode","data"} envelope.
inline constexpr std::string_view invalid_credentials = "AB1007";
inline constexpr std::string_view invalid_totp = "AB1050";
inline constexpr std::string_view something_wrong = "AB1004";
inline constexpr std::string_view user_type = "AB1005";
inline constexpr std::string_view invalid_parameters = "AB1007";
inline constexpr std::string_view invalid_variety = "AB1008";
inline constexpr std::string_view symbol_not_found = "AB1009";
inline constexpr std::string_view invalid_product = "AB1012";
inline constexpr std::string_view order_not_found = "AB1013";
// A modify or cancel of an order that is no longer working (complete, cancelled, rejected):
// no code is documented for it; AB1013 as for an unknown order is a guess.
inline constexpr std::string_view order_not_working = "AB1013";
inline constexpr std::string_view internal_error = "AB2001";
inline constexpr std::string_view invalid_refresh_token = "AB8050";
inline constexpr std::string_view refresh_token_expired = "AB8051";
inline constexpr std::string_view ordertag_too_long = "AB4008";
inline constexpr std::string_view empty_symbol_token = "AB4018";
}  // namespace codes

// What the gateway answers when a rate limit is exceeded: HTTP 403 and this plain text.
inline constexpr std::string_view rate_limit_text =
    "Access denied because of exceeding access rate";

// {"status":true,"message":"SUCCESS","errorcode":"","data":<data_json>}
http_response ok_reply(std::string_view data_json);
// {"status":false,"message":...,"errorcode":...,"data":null}
http_response fail_reply(std::string_view message, std::string_view code,
                         unsigned http_status = 200);
// {"success":false,"message":...,"errorCode":...,"data":""}
http_response gateway_reply(std::string_view message, std::string_view code);
http_response rate_limit_reply();
// A server error as a load balancer would send it (HTTP 500/503, non-JSON body).
http_response server_error_reply(unsigned status);
http_response not_found_reply();

}  // namespace strike::sim
