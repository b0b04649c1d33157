#include "daemon/status_config.hpp"

#include <arpa/inet.h>

#include <cstring>

#include "daemon/toml_reader.hpp"

namespace strike::daemon {

namespace {

bool is_ip_literal(const std::string& text) {
  unsigned char buf[sizeof(in6_addr)];
  return ::inet_pton(AF_INET, text.c_str(), buf) == 1 ||
         ::inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

}  // namespace

bool is_loopback_address(const std::string& text) {
  in_addr v4{};
  if (::inet_pton(AF_INET, text.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (::inet_pton(AF_INET6, text.c_str(), &v6) == 1)
    return std::memcmp(&v6, &in6addr_loopback, sizeof v6) == 0;
  return false;
}

void read_status(toml_reader r, status_section& s) {
  s.enabled = r.boolean("enabled", s.enabled);
  s.address = r.text("address", s.address);
  s.port = r.integer("port", s.port, 0, 65'535);
  s.allow_remote = r.boolean("allow_remote", s.allow_remote);
  if (r.has("token")) {
    auto parsed =
        parse_secret_source(r.text("token", ""), std::filesystem::path(r.file()).parent_path());
    if (!parsed)
      r.fail("token", parsed.error().message);
    else
      s.token = *parsed;
  } else if (s.allow_remote) {
    // Remote clients see positions and orders: never without a token.
    r.fail("token",
           "allow_remote = true needs a bearer token: token = \"env:NAME\", "
           "\"file:PATH\" or \"credential:NAME\"");
  }
  if (!is_ip_literal(s.address)) {
    r.fail("address", "'" + s.address + "' is not an IPv4 or IPv6 address");
  } else if (!s.allow_remote && !is_loopback_address(s.address)) {
    // The endpoint has no authentication: exposing it is a decision, not a default.
    r.fail("address",
           "'" + s.address + "' is not a loopback address; set allow_remote = true to serve it");
  }
  r.finish();
}

}  // namespace strike::daemon
