// What the core gets from a broker's streaming feeds: market ticks and order updates, in the
// generic vocabulary of broker_types.hpp. Angel One implements both over WebSockets
// (brokers/angelone/smartstream/, brokers/angelone/order_feed/); this header pulls in no
// network code.
//
// Both feeds run on the reactor. They connect when started, follow the broker session (a new
// session generation means new tokens: the feed reconnects with them), reconnect with backoff
// and jitter after any failure, and restore every subscription. They report FeedConnected,
// FeedDisconnected, FeedStale and MarketDataRejected through the event sink they were given.
//
// Lifetime: a feed must outlive its handlers' use; stop() it and let the reactor drain before
// destroying it.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "brokers/broker_types.hpp"
#include "base/result.hpp"

namespace strike::brokers {

// How much of the book a tick carries. The numbers are SmartStream's mode codes.
enum class feed_mode : std::uint8_t { ltp = 1, quote = 2, snap_quote = 3 };
std::string_view to_string(feed_mode m);             // "ltp", "quote", "snap"
std::optional<feed_mode> feed_mode_from(std::string_view text);  // "ltp" | "quote" | "snap"

struct depth_level {
  std::int64_t qty = 0;
  std::int64_t price_paise = 0;
  std::int32_t orders = 0;
  bool operator==(const depth_level&) const = default;
};

// One decoded tick. Plain data: decoding it allocates nothing. `token` and `exchange` point
// into storage that lives only while the tick handler runs; copy them to keep them.
//
// Prices are integer paise, except on currency derivatives (price_divisor 10^7: units of
// 10^-7 rupee, as the feed sends them). Fields a mode does not carry are zero.
struct market_tick {
  feed_mode mode = feed_mode::ltp;
  std::uint8_t exchange_type = 0;  // the feed's segment code (SmartStream: 1 nse_cm, 2 nse_fo, ...)
  std::string_view exchange;       // "NSE", "NFO", ... ; empty for an unknown segment code
  std::string_view token;          // "99926000"
  std::int64_t sequence = 0;       // the exchange's sequence number (meaningless for indices)
  std::int64_t exchange_ns = 0;    // exchange time, UTC ns
  std::int64_t ltp = 0;            // last traded price
  std::int64_t price_divisor = 100;
  // quote and snap
  std::int64_t last_qty = 0;
  std::int64_t avg_price = 0;
  std::int64_t volume = 0;         // traded today, cumulative
  std::int64_t total_buy_qty = 0;  // pending in the book
  std::int64_t total_sell_qty = 0;
  std::int64_t open = 0;
  std::int64_t high = 0;
  std::int64_t low = 0;
  std::int64_t close = 0;          // the previous session's close
  // snap
  std::int64_t last_trade_ns = 0;  // 0 when the feed gave none
  std::int64_t oi = 0;
  std::int64_t upper_circuit = 0;
  std::int64_t lower_circuit = 0;
  std::int64_t high_52w = 0;
  std::int64_t low_52w = 0;
  std::array<depth_level, 5> bids{};  // best first
  std::array<depth_level, 5> asks{};
};

struct market_feed_stats {
  bool connected = false;
  std::int64_t connects = 0;
  std::int64_t reconnects = 0;      // connects after the first
  std::int64_t frames = 0;          // binary frames received
  std::int64_t ticks = 0;           // delivered to the handler
  std::int64_t duplicates = 0;      // dropped: not newer than the last tick of their token
  std::int64_t malformed = 0;       // dropped: too short, unknown mode, bad field, ...
  std::int64_t unsubscribed = 0;    // dropped: a token not (or no longer) subscribed
  std::int64_t server_errors = 0;   // error frames from the server (E1001, E1002, ...)
  std::int64_t pongs = 0;           // heartbeat replies
  std::int64_t subscriptions = 0;   // instruments subscribed now
};

class market_feed {
 public:
  using tick_handler = std::function<void(const market_tick&)>;
  virtual ~market_feed() = default;

  // Receives every tick that is new for its instrument (see the implementation for what
  // "new" means), in arrival order. Set before start().
  virtual void on_tick(tick_handler h) = 0;
  // Instruments are "EXCHANGE:TOKEN" ("NFO:58784"). Subscribing an instrument again moves it
  // to the new mode. Takes effect at once when connected, else at the next connect; every
  // subscription is restored after each reconnect. Errors: an unparsable instrument, an
  // exchange the feed does not serve, or more instruments than the feed may carry.
  virtual status subscribe(std::span<const std::string> instruments, feed_mode mode) = 0;
  virtual status unsubscribe(std::span<const std::string> instruments) = 0;
  virtual void start() = 0;
  // Closes the connection and stops reconnecting. Handlers are not called after it returns.
  virtual void stop() = 0;
  virtual market_feed_stats stats() const = 0;
};

struct order_feed_stats {
  bool connected = false;
  std::int64_t connects = 0;
  std::int64_t reconnects = 0;
  std::int64_t messages = 0;     // order updates received (the connect greeting excluded)
  std::int64_t updates = 0;      // delivered to the handler
  std::int64_t duplicates = 0;   // dropped: the same update again
  std::int64_t malformed = 0;    // dropped: not an order update we can read
  std::int64_t fills = 0;        // updates delivered with a fill
};

class order_feed {
 public:
  // An order's new state, and the fill that moved it when there is one. The fill's id is the
  // broker's trade id, so a consumer keying fills by (order, fill id) records a fill once
  // whether it learns of it here, from the trade book, or both.
  using update_handler = std::function<void(const order_info&, const std::optional<trade_info>&)>;
  virtual ~order_feed() = default;

  virtual void on_update(update_handler h) = 0;
  virtual void start() = 0;
  virtual void stop() = 0;
  virtual order_feed_stats stats() const = 0;
};

}  // namespace strike::brokers
