// The JSON bodies of Angel One requests, field for field as the official SDKs and the docs
// send them: every number as a string ("quantity":"75", "price":"102.50"), rupees with two
// decimals. Bodies holding secrets (login) must never be logged.
#pragma once

#include <string>
#include <string_view>

#include "brokers/broker_types.hpp"
#include "base/result.hpp"

namespace strike::brokers::angelone {

// Paise as rupees: 10250 -> "102.50", 0 -> "0", -5 -> "-0.05".
std::string rupees(std::int64_t paise);

std::string login_body(std::string_view client_code, std::string_view pin, std::string_view totp);
std::string refresh_body(std::string_view refresh_token);
std::string logout_body(std::string_view client_code);
// Fails when the instrument is not "EXCHANGE:TOKEN".
result<std::string> place_body(const order_request& r);
result<std::string> modify_body(const modify_request& r);
std::string cancel_body(const cancel_request& r);
std::string ltp_body(std::string_view exchange, std::string_view symbol, std::string_view token);
std::string candle_body(std::string_view exchange, std::string_view token, candle_interval interval,
                        std::int64_t from_ns, std::int64_t to_ns);

}  // namespace strike::brokers::angelone
