// Who may open the simulator's WebSockets (stream_hub.hpp): the real services' header and
// query forms, refusals worded as they word them.
#include <algorithm>
#include <charconv>

#include "sim/stream_hub.hpp"

namespace strike::sim {
namespace {

constexpr int max_connections_per_client = 3;

// The value of name in a query string "a=1&b=2", percent-decoded; empty when absent.
std::string query_value(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto part = query.substr(0, amp);
    const auto eq = part.find('=');
    if (part.substr(0, eq) == name && eq != std::string_view::npos) {
      std::string out;
      const auto v = part.substr(eq + 1);
      for (std::size_t i = 0; i < v.size(); ++i) {
        unsigned byte = 0;
        if (v[i] == '%' && i + 2 < v.size() &&
            std::from_chars(v.data() + i + 1, v.data() + i + 3, byte, 16).ptr == v.data() + i + 3) {
          out.push_back(static_cast<char>(byte));
          i += 2;
        } else {
          out.push_back(v[i] == '+' ? ' ' : v[i]);
        }
      }
      return out;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

std::string header_or_query(const http_request& r, std::string_view header,
                            std::string_view query_name) {
  if (r.has_header(header)) return std::string(r.header(header));
  return query_value(r.query(), query_name);
}

upgrade_refusal refuse(std::string message, unsigned status = 401) {
  return {status, std::move(message)};
}

}  // namespace

std::optional<feed_path> feed_path_of(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path == smart_stream_path) return feed_path::market;
  if (path == order_update_path) return feed_path::orders;
  return std::nullopt;
}

const account* stream_hub::account_by_code(std::string_view code) const {
  for (const auto& a : cfg_.accounts)
    if (a.client_code == code) return &a;
  return nullptr;
}

std::optional<upgrade_refusal> stream_hub::authorize_market(const http_request& r,
                                                            std::string& client_code) const {
  const std::int64_t now = market_clock_.now_ns();
  client_code = header_or_query(r, "x-client-code", "clientCode");
  const account* acct = account_by_code(client_code);
  if (acct == nullptr) return refuse("Invalid Header - Invalid Client Code");
  const bool has_key = r.has_header("x-api-key") || !query_value(r.query(), "apiKey").empty();
  if (has_key && header_or_query(r, "x-api-key", "apiKey") != acct->api_key)
    return refuse("Invalid Header - Invalid API Key");
  const auto feed = header_or_query(r, "x-feed-token", "feedToken");
  auto [state, s] = sessions_.by_feed(feed, now);
  if (state != token_state::valid || s->client_code != client_code)
    return refuse("Invalid Header - Invalid Feed Token");
  if (r.has_header("Authorization")) {
    auto [jwt_state, js] = sessions_.by_jwt(r.header("Authorization"), now);
    if (jwt_state != token_state::valid || js->client_code != client_code)
      return refuse("Invalid Header - Invalid Auth token");
  }
  return std::nullopt;
}

std::optional<upgrade_refusal> stream_hub::authorize_orders(const http_request& r,
                                                            std::string& client_code) const {
  const std::int64_t now = market_clock_.now_ns();
  if (strip_bearer(r.header("Authorization")).empty())
    return refuse("Invalid Header - Invalid Auth token");
  auto [state, s] = sessions_.by_jwt(r.header("Authorization"), now);
  if (state == token_state::unknown) return refuse("Invalid Header - Invalid Auth token");
  if (state == token_state::expired) return refuse("Token Expired", 403);
  client_code = s->client_code;
  return std::nullopt;
}

std::optional<upgrade_refusal> stream_hub::authorize(feed_path p, const http_request& upgrade,
                                                     std::string& client_code) {
  auto refused = p == feed_path::market ? authorize_market(upgrade, client_code)
                                        : authorize_orders(upgrade, client_code);
  if (refused) return refused;
  const auto open = std::count_if(connections_.begin(), connections_.end(), [&](const auto& kv) {
    return kv.second.path == p && kv.second.client_code == client_code && !kv.second.dropped;
  });
  if (open >= max_connections_per_client) return refuse("Connection limit exceeded", 429);
  return std::nullopt;
}

}  // namespace strike::sim
