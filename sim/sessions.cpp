#include "sim/sessions.hpp"

#include <openssl/evp.h>

#include "base/json_writer.hpp"
#include "core/clock.hpp"
#include "core/ist.hpp"
#include "sim/sim_random.hpp"

namespace strike::sim {
namespace {

std::string base64url(std::string_view bytes) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(alphabet[(acc >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(alphabet[(acc << (6 - bits)) & 0x3F]);
  return out;
}

std::string hmac_sha512(std::string_view key, std::string_view data) {
  unsigned char out[64];
  size_t len = 0;
  EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA512", nullptr, key.data(), key.size(),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, sizeof out,
            &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

}  // namespace

std::string_view strip_bearer(std::string_view a) {
  while (a.size() > 7 && (a.substr(0, 7) == "Bearer " || a.substr(0, 7) == "bearer ")) {
    a.remove_prefix(7);
    while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
  }
  return a;
}

session_store::session_store(std::uint64_t seed, int expiry_minute_ist)
    : expiry_minute_(expiry_minute_ist) {
  splitmix64 rng(seed ^ 0x5e55105ULL);
  for (int i = 0; i < 4; ++i) secret_ += std::to_string(rng.next());
}

std::int64_t session_store::expiry_after(std::int64_t now_ns) const {
  const auto today = core::ist_date(now_ns);
  std::int64_t t = core::ist_time_ns(today, expiry_minute_);
  if (t <= now_ns)
    t = core::ist_time_ns(core::civil_from_days(core::days_from_civil(today) + 1), expiry_minute_);
  return t;
}

std::string session_store::make_jwt(const std::string& client, std::string_view kind,
                                    std::int64_t now_ns, std::int64_t exp_ns) {
  const std::string header = base64url(R"({"alg":"HS512","typ":"JWT"})");
  std::string payload;
  base::json_writer w(payload);
  w.begin_object().key("username").value(client);
  if (kind == "jwt") w.key("roles").value(0).key("usertype").value("USER");
  w.key("token").value(std::string(kind) + "-" + std::to_string(++counter_));
  w.key("iat")
      .value(now_ns / core::ns_per_s)
      .key("exp")
      .value(exp_ns / core::ns_per_s)
      .end_object();
  std::string signing = header + "." + base64url(payload);
  return signing + "." + base64url(hmac_sha512(secret_, signing));
}

void session_store::issue(session& s, std::int64_t now_ns) {
  s.jwt = make_jwt(s.client_code, "jwt", now_ns, s.expires_ns);
  s.refresh = make_jwt(s.client_code, "refresh", now_ns, s.expires_ns);
  s.feed = make_jwt(s.client_code, "feed", now_ns, now_ns + core::ns_per_day);
}

const session& session_store::open(const std::string& client_code, std::int64_t now_ns) {
  auto s = std::make_shared<session>();
  s->client_code = client_code;
  s->opened_ns = now_ns;
  s->expires_ns = expiry_after(now_ns);
  issue(*s, now_ns);
  by_jwt_[s->jwt] = s;
  by_refresh_[s->refresh] = s;
  by_feed_[s->feed] = s;
  all_[s->jwt] = s;
  return *s;
}

std::pair<token_state, const session*> session_store::by_jwt(std::string_view authorization,
                                                             std::int64_t now_ns) const {
  auto it = by_jwt_.find(strip_bearer(authorization));
  if (it == by_jwt_.end()) return {token_state::unknown, nullptr};
  const session* s = it->second.get();
  if (s->ended || now_ns >= s->expires_ns) return {token_state::expired, s};
  return {token_state::valid, s};
}

std::pair<token_state, const session*> session_store::refresh(std::string_view refresh_token,
                                                              std::int64_t now_ns) {
  auto it = by_refresh_.find(refresh_token);
  if (it == by_refresh_.end()) return {token_state::unknown, nullptr};
  auto s = it->second;
  if (s->ended || now_ns >= s->expires_ns) return {token_state::expired, s.get()};
  issue(*s, now_ns);
  by_jwt_[s->jwt] = s;
  by_refresh_[s->refresh] = s;
  by_feed_[s->feed] = s;
  return {token_state::valid, s.get()};
}

std::pair<token_state, const session*> session_store::by_feed(std::string_view feed_token,
                                                              std::int64_t now_ns) const {
  auto it = by_feed_.find(feed_token);
  if (it == by_feed_.end()) return {token_state::unknown, nullptr};
  const session* s = it->second.get();
  if (s->ended || now_ns >= s->expires_ns) return {token_state::expired, s};
  return {token_state::valid, s};
}

bool session_store::logout(std::string_view authorization, std::int64_t now_ns) {
  auto [state, s] = by_jwt(authorization, now_ns);
  if (state != token_state::valid) return false;
  const_cast<session*>(s)->ended = true;
  return true;
}

int session_store::expire_all(std::int64_t now_ns) {
  int n = 0;
  for (auto& [_, s] : all_) {
    if (!s->ended && now_ns < s->expires_ns) ++n;
    s->ended = true;
  }
  return n;
}

std::size_t session_store::live_count(std::int64_t now_ns) const {
  std::size_t n = 0;
  for (const auto& [_, s] : all_)
    if (!s->ended && now_ns < s->expires_ns) ++n;
  return n;
}

}  // namespace strike::sim
