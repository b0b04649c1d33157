#include "brokers/http/url.hpp"

#include <charconv>

namespace strike::brokers::http {

std::string url::authority() const {
  const bool v6 = host.find(':') != std::string::npos;
  std::string out = v6 ? "[" + host + "]" : host;
  if (port != 443) out += ":" + std::to_string(port);
  return out;
}

result<url> parse_url(std::string_view text) {
  constexpr std::string_view scheme = "https://";
  if (text.substr(0, scheme.size()) != scheme)
    return error{"URL '" + std::string(text) + "' does not start with https://"};
  std::string_view rest = text.substr(scheme.size());
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  url u;
  if (slash != std::string_view::npos) u.path = std::string(rest.substr(slash));
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return error{"URL '" + std::string(text) + "': bad IPv6 host"};
    u.host = std::string(authority.substr(1, close - 1));
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return error{"URL '" + std::string(text) + "': bad port"};
      port_text = after.substr(1);
    }
  } else {
    const auto colon = authority.find(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (u.host.empty()) return error{"URL '" + std::string(text) + "' has no host"};
  if (!port_text.empty()) {
    unsigned port = 0;
    const auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || p != port_text.data() + port_text.size() || port == 0 || port > 65535)
      return error{"URL '" + std::string(text) + "': bad port"};
    u.port = static_cast<std::uint16_t>(port);
  }
  return u;
}

}  // namespace strike::brokers::http
