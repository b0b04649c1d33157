// Typed results from the `data` of Angel One replies. Each parser accepts the tolerant forms
// (string-or-number values, null or [] for an empty list) and returns a bad_response error,
// naming the row and field, for anything else. None of them throws.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <vector>

#include "brokers/angelone/envelope.hpp"
#include "brokers/broker_types.hpp"
#include "core/ist.hpp"
#include "base/result.hpp"

namespace strike::brokers::angelone {

// The three tokens of a session. Secret: never log them.
struct session_tokens {
  std::string jwt;
  std::string refresh;
  std::string feed;
};

// loginByPassword, generateTokens
result<session_tokens> parse_tokens(const envelope& reply);
// getProfile
result<profile_info> parse_profile(const envelope& reply);
// placeOrder, modifyOrder, cancelOrder: {"orderid", "uniqueorderid"}
result<order_ack> parse_order_ack(const envelope& reply);
// getOrderBook
result<std::vector<order_info>> parse_order_book(const envelope& reply);
// details/{uniqueorderid}
result<order_info> parse_order_details(const envelope& reply);
// getTradeBook; fill times are clock times on `today` (IST)
result<std::vector<trade_info>> parse_trade_book(const envelope& reply, core::civil_date today);
// getPosition
result<std::vector<position_info>> parse_positions(const envelope& reply);
// getRMS
result<funds_info> parse_funds(const envelope& reply);
// getLtpData: the ltp in paise
result<std::int64_t> parse_ltp(const envelope& reply);
// getCandleData: rows [time, open, high, low, close, volume], in the order given
result<std::vector<candle>> parse_candles(const envelope& reply);

}  // namespace strike::brokers::angelone
