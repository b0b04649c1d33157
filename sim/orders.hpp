// Orders, fills and their states as the simulated exchange keeps them. Prices in paise,
// quantities in units, times in UTC nanoseconds of market time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace strike::sim {

struct instrument;

// The order states SmartAPI shows in order books and order updates.
enum class order_status {
  amo_received,     // "after market order req received": placed outside the session
  open,             // working at the exchange (partly filled orders stay open)
  trigger_pending,  // a stop-loss order waiting for its trigger
  complete,
  cancelled,
  rejected,
};
std::string_view status_text(order_status s);
bool is_working(order_status s);  // amo_received, open or trigger_pending

enum class order_kind { market, limit, stoploss_limit, stoploss_market };
std::string_view kind_text(order_kind k);

// What a client asked for, already validated against the instrument list.
struct order_request {
  std::string variety = "NORMAL";
  order_kind kind = order_kind::market;
  std::string producttype = "CARRYFORWARD";
  std::string duration = "DAY";
  bool buy = true;
  std::string exchange;
  std::string tradingsymbol;
  std::string symboltoken;
  std::int64_t price = 0;    // limit price (0 for market)
  std::int64_t trigger = 0;  // stop-loss trigger (0 when none)
  std::int64_t quantity = 0;
  std::int64_t disclosed = 0;
  std::string ordertag;
};

struct order {
  std::string orderid;        // 15 digits: YYMMDD + 9-digit sequence
  std::string uniqueorderid;  // UUID
  std::string client_code;
  order_request req;
  const instrument* inst = nullptr;
  order_status status = order_status::open;
  std::string text;  // rejection or cancellation reason
  std::int64_t filled = 0;
  std::int64_t filled_value = 0;  // sum of price x quantity over fills, paise
  std::int64_t cancelled = 0;     // units cancelled (cancelsize)
  std::int64_t placed_ns = 0;
  std::int64_t updated_ns = 0;
  std::int64_t exchange_ns = 0;   // when the exchange saw it (0 until then)
  std::int64_t next_fill_ns = 0;  // partial-fill fault: no further fill before this
  std::int64_t last_fill_ns = 0;
  std::string last_fill_id;
  std::int64_t day_end_ns = 0;  // a working DAY order is cancelled at this session close
  bool rested = false;          // has waited in the book (then fills at its own limit price)
  double partial_ratio = 0;     // partial-fill fault: share of the first fill
  std::int64_t partial_rest_ns = 0;
  bool coalesce_fills = false;  // coalesce fault: the next fill of two lots or more is two trades
  bool no_limit_fill = false;   // rest-sell-limits fault: no buyer at any limit price
  int modifications = 0;
  std::uint64_t request_seq = 0;  // the admin request-log entry that placed it

  std::int64_t remaining() const { return req.quantity - filled - cancelled; }
  std::int64_t average_price() const {
    return filled == 0 ? 0 : (filled_value + filled / 2) / filled;
  }
};

struct fill {
  std::string fillid;
  std::string orderid;
  std::string client_code;
  const instrument* inst = nullptr;
  std::string producttype;
  bool buy = true;
  std::int64_t price = 0;
  std::int64_t quantity = 0;
  std::int64_t time_ns = 0;
};

}  // namespace strike::sim
