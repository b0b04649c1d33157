// What the core needs from a broker. Angel One implements it (brokers/angelone/); a paper
// broker and other brokers will too. Only generic types cross this line (broker_types.hpp):
// the core never sees a broker's own vocabulary, and this header pulls in no HTTP or TLS code.
//
// Every operation is a coroutine on the reactor's executor and returns a result: a failure is
// a strike::error whose code is an events::failure_kind (broker_error.hpp) and whose message
// never contains a secret. Operations may run concurrently; the implementation serialises what
// must be serialised (login, token refresh) and paces requests within the broker's limits.
//
// Lifetime: the broker must outlive every operation it started; stop it with shutdown() and
// let the reactor drain before destroying it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "brokers/broker_types.hpp"
#include "brokers/instrument_index.hpp"

namespace strike::brokers {

template <class T>
using task = boost::asio::awaitable<result<T>>;

class broker {
 public:
  virtual ~broker() = default;

  // "angelone", "paper", ...
  virtual std::string_view name() const = 0;

  // ---- session ------------------------------------------------------------------------------
  // Makes sure there is a usable session: reuses stored tokens while valid, refreshes them when
  // they near expiry, logs in afresh when refreshing fails. Cheap when the session is fine.
  virtual task<session_info> ensure_session() = 0;
  // A fresh login, whatever the current tokens. The session clock calls it before each trading
  // session (tokens expire daily), so a daemon that runs for weeks never trades on a dead one.
  virtual task<session_info> relogin() = 0;
  // Ends the session at the broker and forgets the tokens.
  virtual boost::asio::awaitable<status> logout() = 0;
  virtual session_info session() const = 0;
  // Called on the reactor after every change of tokens (login, refresh, re-login, logout).
  // Feeds reconnect when session_info::generation moves on.
  using session_listener = std::function<void(const session_info&)>;
  virtual void on_session_change(session_listener fn) = 0;
  virtual task<profile_info> profile() = 0;

  // ---- orders -------------------------------------------------------------------------------
  // Places an order once. After an ambiguous failure (timeout, dropped connection, empty or
  // malformed reply, 5xx) the order is looked up by request.tag before anything is sent again,
  // and it is sent again only when the lookup proves the broker does not have it. When that
  // cannot be proven the error says the outcome is unknown and nothing more is sent.
  virtual task<order_ack> place_order(order_request request) = 0;
  // Does ahead what place_order() would do first with this request (the broker's encoding of it,
  // in request.encoded), so that it goes out sooner once it may. Nothing leaves the process.
  virtual void prepare_order(order_request& request) const { (void)request; }
  virtual task<order_ack> modify_order(modify_request request) = 0;
  virtual task<order_ack> cancel_order(cancel_request request) = 0;
  // Today's orders; empty when there are none.
  virtual task<std::vector<order_info>> order_book() = 0;
  // Today's fills.
  virtual task<std::vector<trade_info>> trade_book() = 0;
  // One order by the broker's id.
  virtual task<order_info> order_status(std::string broker_id) = 0;
  // The order carrying our tag (the idempotency key given at placement); nullopt when the
  // broker has none today.
  virtual task<std::optional<order_info>> find_order_by_tag(std::string tag) = 0;

  // ---- portfolio ----------------------------------------------------------------------------
  virtual task<std::vector<position_info>> positions() = 0;
  virtual task<funds_info> funds() = 0;

  // ---- market data --------------------------------------------------------------------------
  // Last traded price in paise. symbol may be empty when the instrument master is loaded.
  virtual task<std::int64_t> last_price(std::string instrument, std::string symbol) = 0;
  // Candles in [from_ns, to_ns], ascending, without duplicates. Long ranges are fetched in
  // pieces within the broker's limits and merged.
  virtual task<std::vector<candle>> candles(candle_request request) = 0;
  // Today's instrument master: from the on-disk cache when it is today's, else downloaded and
  // cached. The index is shared and immutable.
  virtual task<std::shared_ptr<const instrument_index>> instruments() = 0;

  // ---- streaming feeds ----------------------------------------------------------------------
  // Market ticks and order updates arrive over WebSockets; their interface joins here (a
  // market_feed and an order_feed opened from the broker, reconnecting on every new session
  // generation). Until then the core polls order_book().

  // Stops timers and closes idle connections; operations in flight fail with `network`.
  virtual void shutdown() = 0;
};

}  // namespace strike::brokers
