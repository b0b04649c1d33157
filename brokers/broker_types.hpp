// The broker vocabulary the core speaks: orders, fills, positions, funds and candles in generic
// units. Instruments are "EXCHANGE:TOKEN" strings, money is integer paise, quantities are units
// and times are UTC nanoseconds. No broker's own spelling appears here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "events/enums.hpp"

namespace strike::brokers {

// How long the position may be held: intraday (squared off by the broker at the close),
// carry-forward (F&O overnight), delivery (cash), margin.
enum class product { intraday, carryforward, delivery, margin };

// How long the order stays working.
enum class validity { day, ioc };

// Where an order stands, folded from the broker's many status texts.
enum class order_state {
  pending,          // received, not yet working at the exchange (validation, AMO, modify pending)
  open,             // working; may be partly filled
  trigger_pending,  // stop order waiting for its trigger
  complete,         // fully filled
  cancelled,
  rejected,
  unknown,  // a status text we do not know; treat as working and look again
};
std::string_view to_string(order_state s);
bool is_final(order_state s);  // complete, cancelled or rejected

// Candle widths the brokers serve. Not all of them are bar timeframes of the core.
enum class candle_interval { m1, m3, m5, m10, m15, m30, h1, d1 };
std::int64_t interval_ns(candle_interval i);

struct order_request {
  std::string instrument;  // "NFO:58784"
  std::string symbol;      // the broker's trading symbol, e.g. "NIFTY28OCT2524400CE"
  events::side side = events::side::buy;
  events::order_type type = events::order_type::limit;
  brokers::product product = product::carryforward;
  brokers::validity validity = validity::day;
  std::int64_t qty = 0;            // units (lots × lot size)
  std::int64_t price_paise = 0;    // limit price; 0 for market orders
  std::int64_t trigger_paise = 0;  // stop orders only
  // Our idempotency key. The broker echoes a tag derived from it in its books, which is how a
  // send whose outcome is unknown is found again (see broker::place_order).
  std::string tag;
  bool urgent = false;  // an exit: may probe an open circuit breaker rather than wait it out
  // The broker's own encoding of the fields above, made ahead by broker::prepare_order(); empty
  // until then. Stale once a field above changes: prepare last.
  std::string encoded;
};

struct modify_request {
  std::string broker_id;  // the broker's order id
  std::string instrument;
  std::string symbol;
  events::order_type type = events::order_type::limit;
  brokers::product product = product::carryforward;
  brokers::validity validity = validity::day;
  std::int64_t qty = 0;
  std::int64_t price_paise = 0;
  std::int64_t trigger_paise = 0;
  bool urgent = false;  // an exit's ladder step
};

struct cancel_request {
  std::string broker_id;
  events::order_type type = events::order_type::limit;  // stop orders cancel differently
};

// The broker took the request. For a placed order this is acceptance, not a fill: the order
// may still be rejected a moment later (see order_info).
struct order_ack {
  std::string broker_id;
  std::string unique_id;      // a second, globally unique id where the broker has one
  std::int64_t attempts = 1;  // sends it took
  bool recovered = false;     // found by its tag after a send whose outcome was unknown
};

struct order_info {
  std::string broker_id;
  std::string unique_id;
  std::string exchange_id;  // the exchange's order id, empty until known
  std::string tag;          // as echoed by the broker
  std::string instrument;   // "EXCHANGE:TOKEN"
  std::string symbol;
  events::side side = events::side::buy;
  events::order_type type = events::order_type::limit;
  brokers::product product = product::carryforward;
  brokers::validity validity = validity::day;
  order_state state = order_state::unknown;
  std::string status_text;  // the broker's own status words
  std::string reason;       // rejection or exchange text
  std::int64_t qty = 0;
  std::int64_t filled_qty = 0;
  std::int64_t pending_qty = 0;
  std::int64_t cancelled_qty = 0;
  std::int64_t price_paise = 0;
  std::int64_t trigger_paise = 0;
  std::int64_t avg_price_paise = 0;
  std::int64_t updated_ns = 0;  // last update at the broker or exchange; 0 when unknown
};

struct trade_info {
  std::string broker_id;  // order id
  std::string fill_id;
  std::string exchange;  // trade books name the exchange and symbol, not always the token
  std::string symbol;
  events::side side = events::side::buy;
  brokers::product product = product::carryforward;
  std::int64_t qty = 0;
  std::int64_t price_paise = 0;
  std::int64_t fill_ns = 0;  // 0 when the broker gave no usable time
};

struct position_info {
  std::string instrument;
  std::string symbol;
  brokers::product product = product::carryforward;
  std::int64_t net_qty = 0;  // signed: positive long, negative short
  std::int64_t buy_qty = 0;
  std::int64_t sell_qty = 0;
  std::int64_t buy_avg_paise = 0;
  std::int64_t sell_avg_paise = 0;
  std::int64_t buy_value_paise = 0;
  std::int64_t sell_value_paise = 0;
  // The average price of the net position, carried-forward days included (buy_avg_paise covers
  // today's buys only, 0 for a position carried from yesterday); 0 when the broker gives none.
  std::int64_t net_avg_paise = 0;
  std::int64_t lot_size = 0;
};

struct funds_info {
  std::int64_t net_paise = 0;
  std::int64_t available_cash_paise = 0;
  std::int64_t utilised_paise = 0;  // debits: margin and premium in use
  std::int64_t realised_m2m_paise = 0;
  std::int64_t unrealised_m2m_paise = 0;
  std::int64_t collateral_paise = 0;
};

struct candle {
  std::int64_t open_ns = 0;  // start of the candle, UTC
  std::int64_t open_paise = 0;
  std::int64_t high_paise = 0;
  std::int64_t low_paise = 0;
  std::int64_t close_paise = 0;
  std::int64_t volume = 0;  // 0 for indices
  bool operator==(const candle&) const = default;
};

struct candle_request {
  std::string instrument;  // "NSE:99926000"
  candle_interval interval = candle_interval::m1;
  std::int64_t from_ns = 0;  // first candle start, inclusive
  std::int64_t to_ns = 0;    // last candle start, inclusive
};

struct profile_info {
  std::string client_code;
  std::string name;
  std::vector<std::string> exchanges;  // segments enabled for the account, e.g. "NFO"
  std::vector<std::string> products;
};

// The broker session as the core sees it. Feeds watch `generation`: every new set of tokens
// (login, refresh, re-login) increments it, and a feed on an older generation must reconnect.
struct session_info {
  bool active = false;
  std::int64_t valid_until_ns = 0;  // UTC; the session must be renewed before then
  std::uint64_t generation = 0;
  std::string method;  // "login", "refresh" or "stored": how the current tokens were obtained
};

}  // namespace strike::brokers
