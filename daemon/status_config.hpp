// The [status] section of config.toml: where the health and metrics endpoint and the dashboard
// listen. It is plain HTTP, so it binds to a loopback address unless the operator explicitly
// allows another one, and then every request must carry the bearer token named by `token`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/secrets.hpp"

namespace strike::daemon {

class toml_reader;

struct status_section {
  bool enabled = true;
  std::string address = "127.0.0.1";  // an IPv4 or IPv6 literal, no host names
  std::int64_t port = 9464;           // 0: a free port chosen at start (tests)
  bool allow_remote = false;          // permits a non-loopback address
  // Where the bearer token comes from (env:, file:, credential:); required with allow_remote.
  std::optional<secret_source> token;
};

void read_status(toml_reader r, status_section& s);

// Whether text is an IP literal of the loopback network (127.0.0.0/8 or ::1).
bool is_loopback_address(const std::string& text);

}  // namespace strike::daemon
