// Login sessions and their tokens. A session is opened by loginByPassword, renewed by
// generateTokens, ended by logout, and expires at the configured IST time of day (00:00 by
// default) after it was opened, or at once when the test knob expires every session.
//
// Tokens are JWT-shaped (header.payload.signature, HS512 over a per-run secret) like the real
// ones, but the simulator looks them up rather than trusting their claims.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace strike::sim {

struct session {
  std::string client_code;
  std::string jwt;
  std::string refresh;
  std::string feed;
  std::int64_t opened_ns = 0;
  std::int64_t expires_ns = 0;
  bool ended = false;  // logged out or expired by the knob
};

enum class token_state { valid, unknown, expired };

class session_store {
 public:
  // expiry_minute_ist: minutes after IST midnight at which sessions end (0 = midnight).
  session_store(std::uint64_t seed, int expiry_minute_ist);

  // Opens a new session; earlier sessions of the same client stay valid until they expire.
  const session& open(const std::string& client_code, std::int64_t now_ns);

  // The session a Bearer JWT belongs to ("Bearer " prefixes are stripped, even doubled ones).
  std::pair<token_state, const session*> by_jwt(std::string_view authorization,
                                                std::int64_t now_ns) const;

  // The session a feed token belongs to (SmartStream's x-feed-token). Like the jwt, a feed
  // token replaced by generateTokens stays valid until its session ends.
  std::pair<token_state, const session*> by_feed(std::string_view feed_token,
                                                 std::int64_t now_ns) const;

  // Issues new jwt/refresh/feed tokens for the session of refresh_token. The old jwt stays
  // valid until the session ends (the real behaviour is undocumented).
  std::pair<token_state, const session*> refresh(std::string_view refresh_token,
                                                 std::int64_t now_ns);

  // Ends the session of the JWT; false when there is none.
  bool logout(std::string_view authorization, std::int64_t now_ns);

  // Every session ends now (test knob); returns how many were live.
  int expire_all(std::int64_t now_ns);

  std::size_t live_count(std::int64_t now_ns) const;

 private:
  std::int64_t expiry_after(std::int64_t now_ns) const;
  std::string make_jwt(const std::string& client, std::string_view kind, std::int64_t now_ns,
                       std::int64_t exp_ns);
  void issue(session& s, std::int64_t now_ns);

  std::string secret_;
  int expiry_minute_;
  std::uint64_t counter_ = 0;
  std::map<std::string, std::shared_ptr<session>, std::less<>> by_jwt_;
  std::map<std::string, std::shared_ptr<session>, std::less<>> by_refresh_;
  std::map<std::string, std::shared_ptr<session>, std::less<>> by_feed_;
  std::map<std::string, std::shared_ptr<session>, std::less<>> all_;  // by first jwt
};

// "Bearer x", "Bearer Bearer x" and "x" all give "x".
std::string_view strip_bearer(std::string_view authorization);

}  // namespace strike::sim
