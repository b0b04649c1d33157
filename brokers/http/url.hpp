// The parts of an https:// URL the client needs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace strike::brokers::http {

struct url {
  std::string host;  // name or IP literal (IPv6 without brackets)
  std::uint16_t port = 443;
  std::string path;  // "/..." ; "" when the URL has none

  // "host:port", the Host header value (brackets around IPv6).
  std::string authority() const;
};

// Only https:// URLs: the broker never speaks plain HTTP.
result<url> parse_url(std::string_view text);

}  // namespace strike::brokers::http
