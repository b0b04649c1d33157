// How the Angel One feeds get and follow the client's session: the upgrade request for each
// feed, built from the current tokens (ensuring a session first), and a callback when the
// tokens change, so a feed never stays on tokens that have been replaced.
//
// SmartStream wants the raw JWT in Authorization with x-api-key, x-client-code and
// x-feed-token (or, in its browser form, clientCode, feedToken and apiKey in the query); the
// order-update feed wants "Bearer <jwt>" (the JS SDK sends the other three headers too, and so
// do we). Header values and the query are secret: nothing here logs them.
//
// Reactor thread only. The client must outlive this object; a listener registered with the
// client stays registered but goes quiet once this object is gone.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <string>

#include "brokers/angelone/client.hpp"
#include "brokers/ws/ws_target.hpp"

namespace strike::brokers::angelone {

enum class feed_kind { smart_stream, order_updates };

class feed_session {
 public:
  feed_session(client& c, feed_kind kind, ws::ws_url url, bool query_auth);
  ~feed_session();

  // The upgrade request with the current tokens; logs in or refreshes first when needed.
  boost::asio::awaitable<result<ws::ws_request>> request();
  // The server refused the tokens of `generation`: they are no good, renew them.
  void refused(std::uint64_t generation, const error& why);
  // Called (on the reactor) with each new session generation.
  void on_change(std::function<void(std::uint64_t generation)> fn);

 private:
  client& client_;
  feed_kind kind_;
  ws::ws_url url_;
  bool query_auth_;
  std::function<void(std::uint64_t)> listener_;
  std::shared_ptr<feed_session*> alive_;
};

// "a b" -> "a%20b": everything but unreserved characters (RFC 3986) percent-encoded.
std::string percent_encode(std::string_view text);

}  // namespace strike::brokers::angelone
