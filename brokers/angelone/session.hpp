// The Angel One login session: JWT, refresh and feed tokens, how they are obtained and when
// they must be renewed.
//
//   stored   tokens from the token file, reused after a restart while still valid
//   login    client code + PIN + a fresh TOTP (loginByPassword)
//   refresh  generateTokens with the refresh token, tried first when the tokens near their end
//            or the server said they are invalid; a failed refresh falls back to a login
//
// Tokens are valid until the next session boundary (00:00 IST by default; configurable), or
// the JWT's own expiry if that is earlier. The daemon's session clock calls relogin() before
// each trading session. Every transition is reported through the sink (Authenticated,
// AuthFailed, LoggedOut) and to session listeners, which see the generation move on: feeds
// reconnect with the new tokens.
//
// Renewals are serialised: concurrent callers of ensure() wait for the one renewal in progress.
// Reactor thread only; the api client, timekeeper, redactor and sink must outlive it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "brokers/angelone/api_client.hpp"
#include "brokers/angelone/credentials.hpp"
#include "brokers/angelone/parsers.hpp"
#include "brokers/broker_types.hpp"

namespace strike::brokers::angelone {

struct session_options {
  std::filesystem::path token_file;  // empty: tokens are not kept across restarts
  std::string server;                // the API base URL, part of the token file's fingerprint
  int expiry_minute_ist = 0;         // sessions end at this IST time of day (0 = midnight)
  std::int64_t refresh_before_ns = 15LL * 60 * 1'000'000'000;  // renew this long before the end
};

class session_manager {
 public:
  using listener = std::function<void(const session_info&)>;

  session_manager(api_client& api, timekeeper& time, credentials creds, session_options options,
                  redactor& secrets, event_sink sink);

  // A usable session: the current one, or stored, refreshed or new tokens.
  boost::asio::awaitable<result<session_info>> ensure();
  // A fresh login whatever the current state.
  boost::asio::awaitable<result<session_info>> relogin();
  // Ends the session at the broker (best effort) and forgets the tokens everywhere.
  boost::asio::awaitable<status> logout();
  // A request made with the tokens of `generation` was refused as unauthorised: they are no
  // good. Ignored when the tokens have changed since.
  void invalidate(std::uint64_t generation, std::string_view reason);

  session_info info() const;
  std::uint64_t generation() const { return generation_; }
  // The current tokens; empty strings when there is no session. Secret.
  const session_tokens& tokens() const { return tokens_; }
  const credentials& creds() const { return creds_; }
  void on_change(listener fn) { listeners_.push_back(std::move(fn)); }

 private:
  boost::asio::awaitable<result<session_info>> renew(bool force_login);
  boost::asio::awaitable<status> login();
  boost::asio::awaitable<status> refresh();
  struct stored_times {
    std::int64_t obtained_ns;
    std::int64_t valid_until_ns;
  };
  void adopt(session_tokens tokens, std::string method, std::optional<stored_times> times = {});
  void drop(std::string_view reason);
  void load_stored();
  std::int64_t valid_until(std::int64_t obtained_ns, const std::string& jwt) const;
  boost::asio::awaitable<void> wait_turn();
  void notify();

  api_client& api_;
  timekeeper& time_;
  credentials creds_;
  session_options options_;
  redactor& secrets_;
  event_sink sink_;
  std::vector<listener> listeners_;

  session_tokens tokens_;
  std::string method_;
  bool active_ = false;
  bool stored_checked_ = false;
  std::int64_t obtained_ns_ = 0;
  std::int64_t valid_until_ns_ = 0;
  std::uint64_t generation_ = 0;
  bool busy_ = false;
  std::optional<boost::asio::steady_timer> turn_;  // waiters for the renewal in progress
};

}  // namespace strike::brokers::angelone
