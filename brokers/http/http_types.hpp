// One HTTPS exchange as the broker clients see it, free of Beast so that this header can be
// included widely. Failures are strike::error values whose code is an http::errc, which says
// both what went wrong and whether the server may have received the request.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "events/enums.hpp"

namespace strike::brokers::http {

enum class method { get, post };

struct request {
  http::method method = method::get;
  std::string target;  // path and query, e.g. "/rest/secure/angelbroking/order/v1/getOrderBook"
  std::vector<std::pair<std::string, std::string>> headers;  // Host and Content-Length are added
  std::string body;
  // Safe to send twice: a GET may be resent on a fresh connection when a reused keep-alive
  // connection turns out to have been closed by the server.
  bool idempotent = false;
};

struct response {
  unsigned status = 0;
  std::string content_type;
  std::string body;
  bool reused_connection = false;  // sent over a kept-alive connection
};

enum class errc {
  connect_failed = 1,  // resolve or TCP connect failed: nothing was sent
  tls_failed,          // TLS handshake or certificate verification failed: nothing was sent
  connect_timeout,     // the deadline passed before the request was sent
  send_failed,         // the connection broke while sending: the server may have it
  reply_timeout,       // the deadline passed after sending: the server may have it
  connection_lost,     // the connection closed before a full reply: the server may have it
  bad_reply,           // not HTTP, or a body over the limit
  shut_down,           // the client was shut down
};

const std::error_category& http_category();
std::error_code make_error_code(errc e);

// The broker failure kind an HTTP failure counts as (network, timeout or bad_response).
events::failure_kind failure_kind_of(const error& e);
// Whether the server may have received (and acted on) the request: true for every failure
// after the first byte was sent, and for errors outside this category.
bool maybe_delivered(const error& e);

}  // namespace strike::brokers::http

template <>
struct std::is_error_code_enum<strike::brokers::http::errc> : std::true_type {};
