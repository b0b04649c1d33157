// One HTTP exchange as the simulator's logic sees it, free of Beast so that the API and the
// admin endpoint can be written and read without the network headers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace strike::sim {

// Which listener a request came in on; the admin routes answer only on the admin listener.
enum class listener_kind { https_api, http_api, admin };

struct http_request {
  listener_kind listener = listener_kind::https_api;
  std::string method;                                        // "GET", "POST", ...
  std::string target;                                        // as received: path and query
  std::vector<std::pair<std::string, std::string>> headers;  // names as the client spelled them
  std::string body;

  // The target without its query string.
  std::string_view path() const;
  // The query string without '?', empty when there is none.
  std::string_view query() const;
  // A header's value (names compare case-insensitively); empty when absent.
  std::string_view header(std::string_view name) const;
  bool has_header(std::string_view name) const;
};

// How the session delivers a response: normally, as a 200 with an empty body (the "accepted
// but the reply was lost" fault), or not at all (the connection is closed).
enum class reply_mode { normal, empty_body, drop };

struct http_response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  reply_mode mode = reply_mode::normal;
  std::int64_t delay_ms = 0;  // real milliseconds to wait before replying (latency fault)
};

bool iequals(std::string_view a, std::string_view b);

}  // namespace strike::sim
