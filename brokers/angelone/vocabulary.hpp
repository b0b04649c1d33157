// Angel One's words for the generic broker vocabulary, both ways. Unknown words read as
// nullopt (or order_state::unknown), never as a guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "brokers/broker_types.hpp"

namespace strike::brokers::angelone {

std::string_view variety_of(events::order_type t);  // "NORMAL" or "STOPLOSS"
std::string_view ordertype_of(events::order_type t);  // "LIMIT", "MARKET", "STOPLOSS_LIMIT", ...
std::string_view producttype_of(product p);           // "INTRADAY", "CARRYFORWARD", ...
std::string_view duration_of(validity v);             // "DAY" or "IOC"
std::string_view transactiontype_of(events::side s);  // "BUY" or "SELL"

std::optional<events::order_type> order_type_from(std::string_view ordertype);
std::optional<product> product_from(std::string_view producttype);
std::optional<validity> validity_from(std::string_view duration);
std::optional<events::side> side_from(std::string_view transactiontype);
// The order book's status words ("open", "trigger pending", "complete", ...), any case.
order_state state_from(std::string_view status);

std::optional<candle_interval> interval_from(std::string_view name);
std::string_view interval_name(candle_interval i);  // "ONE_MINUTE", ...
// The longest range, in days, one getCandleData request may span for the interval.
int max_days_per_request(candle_interval i);

// "NFO:58784" -> {"NFO", "58784"}.
struct instrument_parts {
  std::string exchange;
  std::string token;
};
std::optional<instrument_parts> split_instrument(std::string_view instrument);

// Angel One takes an ordertag of fewer than 20 characters. Our tags (idempotency keys) are
// longer hex digests, so the ordertag is their first 19 characters; shorter tags go as they are.
inline constexpr std::size_t max_ordertag = 19;
std::string ordertag_for(std::string_view tag);

}  // namespace strike::brokers::angelone
