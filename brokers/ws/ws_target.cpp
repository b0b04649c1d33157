#include "brokers/ws/ws_target.hpp"

#include "brokers/http/url.hpp"

namespace strike::brokers::ws {

std::string ws_url::printable() const {
  const bool v6 = host.find(':') != std::string::npos;
  std::string out = "wss://" + (v6 ? "[" + host + "]" : host);
  if (port != 443) out += ":" + std::to_string(port);
  return out + target.substr(0, target.find('?'));
}

result<ws_url> parse_ws_url(std::string_view text) {
  constexpr std::string_view scheme = "wss://";
  if (!text.starts_with(scheme)) return error{"URL '" + std::string(text.substr(0, text.find('?'))) + "' does not start with wss://"};
  // Same authority rules as the REST URLs.
  auto parsed = http::parse_url("https://" + std::string(text.substr(scheme.size())));
  if (!parsed) return error{"URL '" + std::string(text.substr(0, text.find('?'))) + "': bad host or port"};
  ws_url u;
  u.host = parsed->host;
  u.port = parsed->port;
  u.target = parsed->path.empty() ? "/" : parsed->path;
  if (u.target.front() == '?') u.target = "/" + u.target;
  return u;
}

}  // namespace strike::brokers::ws
