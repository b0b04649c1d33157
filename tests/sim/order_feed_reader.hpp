// The simulator's order-update WebSocket as a test reads it: connects over TLS with a session's
// JWT and collects every message after the AB00 greeting, parsed. Reads wait on a condition
// with a deadline (the reader's own reactor runs for at most the time left), so a silent feed
// fails a test, never hangs it. One thread uses it.
#pragma once

#include <simdjson.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

namespace strike::test {

class order_feed_reader {
 public:
  // Connects and waits up to 10 s for the greeting; connected() says whether both happened.
  order_feed_reader(std::uint16_t port, const std::string& certificate_pem, const std::string& jwt);
  ~order_feed_reader();

  bool connected() const { return connected_; }
  // Reads until done() holds or timeout passes; returns done(). Messages land in updates().
  bool read_until(const std::function<bool()>& done,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The messages after the greeting, in arrival order; each stays valid for the reader's life.
  const std::deque<simdjson::dom::element>& updates() const { return updates_; }
  // The updates about one order.
  std::deque<simdjson::dom::element> of(std::string_view orderid) const;

 private:
  void read_next();

  struct impl;
  std::unique_ptr<impl> impl_;
  std::deque<simdjson::dom::parser> parsers_;
  std::deque<simdjson::dom::element> updates_;
  bool greeted_ = false;
  bool connected_ = false;
  bool failed_ = false;
};

}  // namespace strike::test
