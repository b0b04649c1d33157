#include "brokers/angelone/feed_session.hpp"

#include <cctype>
#include <cstdio>

namespace strike::brokers::angelone {

std::string percent_encode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

feed_session::feed_session(client& c, feed_kind kind, ws::ws_url url, bool query_auth)
    : client_(c), kind_(kind), url_(std::move(url)), query_auth_(query_auth),
      alive_(std::make_shared<feed_session*>(this)) {
  client_.on_session_change([weak = std::weak_ptr(alive_)](const session_info& info) {
    auto self = weak.lock();
    if (self && (*self)->listener_) (*self)->listener_(info.generation);
  });
}

feed_session::~feed_session() { alive_.reset(); }

void feed_session::on_change(std::function<void(std::uint64_t)> fn) { listener_ = std::move(fn); }

void feed_session::refused(std::uint64_t generation, const error& why) {
  client_.angel_session().invalidate(generation, "feed refused the tokens: " + why.message);
}

boost::asio::awaitable<result<ws::ws_request>> feed_session::request() {
  auto ensured = co_await client_.ensure_session();
  if (!ensured) co_return ensured.error();
  const auto& tokens = client_.angel_session().tokens();
  const auto& creds = client_.angel_session().creds();
  ws::ws_request r;
  r.url = url_;
  r.generation = ensured->generation;
  if (kind_ == feed_kind::smart_stream && query_auth_) {
    r.url.target += r.url.target.find('?') == std::string::npos ? "?" : "&";
    r.url.target += "clientCode=" + percent_encode(creds.client_code) + "&feedToken=" + percent_encode(tokens.feed) +
                    "&apiKey=" + percent_encode(creds.api_key);
    co_return r;
  }
  r.headers.emplace_back("Authorization", kind_ == feed_kind::order_updates ? "Bearer " + tokens.jwt : tokens.jwt);
  r.headers.emplace_back("x-api-key", creds.api_key);
  r.headers.emplace_back("x-client-code", creds.client_code);
  r.headers.emplace_back("x-feed-token", tokens.feed);
  co_return r;
}

}  // namespace strike::brokers::angelone
