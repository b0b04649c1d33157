// Sends Angel One REST requests with the protections every call needs: the endpoint's rate
// limit (token buckets shared as the table says), its group's circuit breaker, every Angel One
// header, a deadline, and retries with exponential backoff and jitter for timeouts, network
// errors, 5xx and rate-limit replies. Endpoints that may not be resent (placeOrder) get one
// try; their caller decides (order_placement.hpp).
//
// Each failed attempt is reported as a BrokerRequestFailed event, each breaker change as a
// BrokerBreakerChanged event, through the sink. Messages pass through the redactor first.
//
// Reactor thread only. The http client, timekeeper, redactor and sink must outlive it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "brokers/angelone/endpoints.hpp"
#include "brokers/angelone/reply_classifier.hpp"
#include "brokers/backoff.hpp"
#include "brokers/circuit_breaker.hpp"
#include "brokers/event_sink.hpp"
#include "brokers/http/https_client.hpp"
#include "brokers/redactor.hpp"
#include "brokers/timekeeper.hpp"
#include "brokers/token_bucket.hpp"

namespace strike::brokers::angelone {

// The caller's identity headers. The API key is a secret.
struct request_identity {
  std::string api_key;    // X-PrivateKey
  std::string local_ip;   // X-ClientLocalIP
  std::string public_ip;  // X-ClientPublicIP: the static IP registered for the API key
  std::string mac;        // X-MACAddress
};

struct api_options {
  std::int64_t timeout_ns = 7'000'000'000;  // per request, like the official SDKs' 7 s
  std::int64_t max_attempts = 4;            // first send and up to three retries
  backoff_policy backoff;
  breaker_policy breaker;
  std::uint64_t jitter_seed = 0;  // 0 = from std::random_device
  std::int64_t rate_limited_wait_ns = 1'000'000'000;  // least wait after a 403 rate-limit reply
  std::int64_t rate_margin_ns = 50'000'000;  // added to each limit's period (see token_bucket.hpp)
};

class api_client {
 public:
  api_client(http::https_client& http, timekeeper& time, api_options options,
             request_identity identity, redactor& secrets, event_sink sink);

  // Calls endpoint e with body (ignored for GET). jwt is sent as the Bearer token when the
  // endpoint is authorised. path_suffix is appended to the path (order details take the id).
  // An urgent call (an exit) may go through its group's open circuit breaker as a probe.
  boost::asio::awaitable<api_outcome> call(endpoint e, std::string body, std::string jwt,
                                           std::string path_suffix = {}, bool urgent = false);

  // A request whose reply was lost turned out to have reached the broker (its order was found):
  // the server is up, and the failure counted against its breaker is taken back.
  void record_delivered(endpoint e);

  // A successful reply whose data made no sense (the parser's complaint): reported like any
  // failed request, as bad_response.
  void reply_unusable(endpoint e, const std::string& problem, std::int64_t attempt);

  // "placeOrder: rejected: AB4008 ordertag length ..." as a typed, redacted error.
  error to_error(endpoint e, const api_failure& f) const;

  const circuit_breaker& breaker(breaker_group g) const { return *breakers_[static_cast<std::size_t>(g)]; }
  const api_options& options() const { return options_; }
  http::https_client& http() { return http_; }

 private:
  http::request build(endpoint e, std::string body, const std::string& jwt,
                      const std::string& suffix) const;
  boost::asio::awaitable<void> pace(endpoint e);
  void report(endpoint e, const api_failure& f, std::int64_t attempt, std::int64_t retry_in_ns);
  std::int64_t retry_delay(const api_failure& f, std::int64_t attempt);

  http::https_client& http_;
  timekeeper& time_;
  api_options options_;
  request_identity identity_;
  redactor& secrets_;
  event_sink sink_;
  backoff backoff_;
  std::map<std::string_view, rate_limit> buckets_;
  std::array<std::unique_ptr<circuit_breaker>, breaker_group_count> breakers_;
  std::array<events::failure_kind, breaker_group_count> last_kind_{};
};

}  // namespace strike::brokers::angelone
