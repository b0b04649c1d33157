// What the simulator received, for the admin endpoint: every request's method, path, header
// names and body with secrets masked. Bounded: past `limit` entries the oldest are dropped
// (and counted), so a long run cannot grow without end.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "sim/http_types.hpp"

namespace strike::sim {

struct request_record {
  std::uint64_t seq = 0;
  std::int64_t market_ns = 0;
  std::string listener;  // "https" or "http"
  std::string method;
  std::string path;  // without the query string (which may carry tokens)
  std::size_t query_bytes = 0;
  std::vector<std::string> header_names;
  std::string body;         // masked JSON, or a note for bodies that are not JSON
  std::string endpoint;     // "placeOrder", ... or "" for unknown paths
  std::string client_code;  // when known
  unsigned status = 0;      // HTTP status sent (0 when the connection was dropped)
  std::string outcome;      // "ok", "error", "rate_limited", "fault:server_error", ...
};

class request_log {
 public:
  explicit request_log(std::size_t limit) : limit_(limit) {}

  // Records a request and returns it so the caller can fill in the outcome.
  request_record& add(const http_request& req, std::int64_t market_ns);

  // Entries with seq > since, as a JSON object {"dropped":N,"requests":[...]}.
  std::string to_json(std::uint64_t since) const;
  std::uint64_t last_seq() const { return seq_; }

 private:
  std::size_t limit_;
  std::deque<request_record> records_;
  std::uint64_t seq_ = 0;
  std::uint64_t dropped_ = 0;
};

// The body with the values of secret keys (password, totp, tokens, API keys; any case)
// replaced by "***". Bodies that are not JSON become "<N bytes, not JSON>".
std::string mask_secrets(std::string_view body);

}  // namespace strike::sim
