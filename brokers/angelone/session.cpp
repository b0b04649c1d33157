#include "brokers/angelone/session.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "brokers/angelone/jwt_claims.hpp"
#include "brokers/angelone/request_bodies.hpp"
#include "brokers/angelone/token_store.hpp"
#include "brokers/angelone/totp.hpp"
#include "brokers/broker_error.hpp"
#include "core/ist.hpp"

namespace strike::brokers::angelone {

namespace asio = boost::asio;
using events::failure_kind;

namespace {

constexpr std::string_view broker_name = "angelone";
constexpr std::int64_t ns_per_s = 1'000'000'000;

}  // namespace

session_manager::session_manager(api_client& api, timekeeper& time, credentials creds,
                                 session_options options, redactor& secrets, event_sink sink)
    : api_(api),
      time_(time),
      creds_(std::move(creds)),
      options_(std::move(options)),
      secrets_(secrets),
      sink_(std::move(sink)) {
  secrets_.add(creds_.pin);
  secrets_.add(creds_.totp_secret);
  secrets_.add(creds_.api_key);
  secrets_.add(creds_.client_code);
}

session_info session_manager::info() const {
  return session_info{active_, valid_until_ns_, generation_, method_};
}

std::int64_t session_manager::valid_until(std::int64_t obtained_ns, const std::string& jwt) const {
  const auto date = core::ist_date(obtained_ns);
  std::int64_t boundary = core::ist_time_ns(date, options_.expiry_minute_ist);
  if (boundary <= obtained_ns) {
    const auto next = core::civil_from_days(core::days_from_civil(date) + 1);
    boundary = core::ist_time_ns(next, options_.expiry_minute_ist);
  }
  if (auto exp = jwt_expiry_ns(jwt); exp && *exp > obtained_ns) boundary = std::min(boundary, *exp);
  return boundary;
}

void session_manager::notify() {
  const auto now = info();
  for (auto& fn : listeners_) fn(now);
}

void session_manager::adopt(session_tokens tokens, std::string method,
                            std::optional<stored_times> times) {
  secrets_.add_rotating(tokens.jwt);
  secrets_.add_rotating(tokens.refresh);
  secrets_.add_rotating(tokens.feed);
  tokens_ = std::move(tokens);
  method_ = std::move(method);
  active_ = true;
  obtained_ns_ = times ? times->obtained_ns : time_.market_ns();
  valid_until_ns_ = times ? times->valid_until_ns : valid_until(obtained_ns_, tokens_.jwt);
  ++generation_;
  if (!options_.token_file.empty() && method_ != "stored") {
    stored_session s{tokens_, session_fingerprint(creds_.client_code, options_.server),
                     obtained_ns_, valid_until_ns_};
    if (auto saved = save_session(options_.token_file, s); !saved)
      SPDLOG_WARN("broker: cannot keep the session tokens: {}",
                  secrets_.clean(saved.error().message));
  }
  SPDLOG_INFO("broker: authenticated by {}, valid until {}", method_,
              core::format_ist(valid_until_ns_));
  if (sink_) sink_(events::authenticated{std::string(broker_name), method_, valid_until_ns_});
  notify();
}

void session_manager::drop(std::string_view reason) {
  if (!active_) return;
  active_ = false;
  ++generation_;
  SPDLOG_INFO("broker: session ended ({})", reason);
  if (sink_) sink_(events::logged_out{std::string(broker_name), std::string(reason)});
  notify();
}

void session_manager::invalidate(std::uint64_t generation, std::string_view reason) {
  if (generation != generation_) return;
  drop(reason);
}

void session_manager::load_stored() {
  stored_checked_ = true;
  if (options_.token_file.empty()) return;
  auto loaded = load_session(options_.token_file);
  if (!loaded) {
    SPDLOG_WARN("broker: stored session ignored: {}", secrets_.clean(loaded.error().message));
    return;
  }
  if (!*loaded) return;
  auto& s = **loaded;
  const auto now = time_.market_ns();
  if (s.fingerprint != session_fingerprint(creds_.client_code, options_.server) ||
      now >= s.valid_until_ns || now < s.obtained_ns) {
    (void)forget_session(options_.token_file);
    return;
  }
  // A stored session keeps its times: it is no younger than when it was obtained.
  adopt(std::move(s.tokens), "stored", stored_times{s.obtained_ns, s.valid_until_ns});
}

asio::awaitable<void> session_manager::wait_turn() {
  // The timer never expires; finishing a renewal cancels it, which wakes every waiter. (Setting
  // its expiry here would cancel the other waiters each time one more arrived.)
  if (!turn_) {
    turn_.emplace(co_await asio::this_coro::executor);
    turn_->expires_at(asio::steady_timer::time_point::max());
  }
  boost::system::error_code ec;
  co_await turn_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<result<session_info>> session_manager::ensure() {
  for (;;) {
    if (busy_) {
      co_await wait_turn();
      continue;
    }
    if (!stored_checked_) load_stored();
    const auto now = time_.market_ns();
    if (active_ && now >= valid_until_ns_) drop("expired");
    const std::int64_t renew_at = valid_until_ns_ - options_.refresh_before_ns;
    // Tokens obtained inside the renewal window are as good as it gets: use them to the end.
    if (active_ && (now < renew_at || obtained_ns_ >= renew_at)) co_return info();
    busy_ = true;
    auto r = co_await renew(false);
    busy_ = false;
    if (turn_) turn_->cancel();
    co_return r;
  }
}

asio::awaitable<result<session_info>> session_manager::relogin() {
  while (busy_) co_await wait_turn();
  busy_ = true;
  auto r = co_await renew(true);
  busy_ = false;
  if (turn_) turn_->cancel();
  co_return r;
}

asio::awaitable<result<session_info>> session_manager::renew(bool force_login) {
  const auto now = time_.market_ns();
  if (!force_login && !tokens_.refresh.empty() && now < valid_until_ns_) {
    if (auto refreshed = co_await refresh(); refreshed) co_return info();
  }
  if (auto in = co_await login(); !in) co_return in.error();
  co_return info();
}

asio::awaitable<status> session_manager::refresh() {
  const auto generation = generation_;
  auto out = co_await api_.call(endpoint::refresh, refresh_body(tokens_.refresh), tokens_.jwt);
  if (out.ok()) {
    auto t = parse_tokens(out.reply->env);
    if (t) {
      adopt(std::move(*t), "refresh");
      co_return status{};
    }
    api_.reply_unusable(endpoint::refresh, t.error().message, out.reply->attempts);
    out.failure =
        api_failure{failure_kind::bad_response, out.reply->http_status, "", t.error().message};
  }
  const auto& f = out.failure;
  SPDLOG_WARN("broker: token refresh failed: {}", f.message);
  if (sink_) sink_(events::auth_failed{std::string(broker_name), "refresh", f.code, f.message});
  if (generation == generation_) drop("refresh_failed");
  co_return api_.to_error(endpoint::refresh, f);
}

asio::awaitable<status> session_manager::login() {
  // A code in the last two seconds of its step may be stale on arrival: wait for the next.
  const auto now_s = time_.utc_ns() / ns_per_s;
  if (30 - now_s % 30 <= 2) co_await time_.wait((30 - now_s % 30) * ns_per_s);
  auto code = totp_code(creds_.totp_secret, time_.utc_ns() / ns_per_s);
  if (!code) {
    const auto message = secrets_.clean(code.error().message);
    if (sink_) sink_(events::auth_failed{std::string(broker_name), "login", "", message});
    co_return broker_error(failure_kind::auth, "loginByPassword: " + message);
  }
  secrets_.add_rotating(*code);
  auto out =
      co_await api_.call(endpoint::login, login_body(creds_.client_code, creds_.pin, *code), "");
  if (out.ok()) {
    auto t = parse_tokens(out.reply->env);
    if (t) {
      adopt(std::move(*t), "login");
      co_return status{};
    }
    api_.reply_unusable(endpoint::login, t.error().message, out.reply->attempts);
    out.failure =
        api_failure{failure_kind::bad_response, out.reply->http_status, "", t.error().message};
  }
  const auto& f = out.failure;
  SPDLOG_ERROR("broker: login failed: {}{}", f.code.empty() ? "" : f.code + " ", f.message);
  if (sink_) sink_(events::auth_failed{std::string(broker_name), "login", f.code, f.message});
  drop("login_failed");
  co_return api_.to_error(endpoint::login, f);
}

asio::awaitable<status> session_manager::logout() {
  while (busy_) co_await wait_turn();
  if (active_) {
    auto out = co_await api_.call(endpoint::logout, logout_body(creds_.client_code), tokens_.jwt);
    if (!out.ok()) SPDLOG_WARN("broker: logout at the broker failed: {}", out.failure.message);
  }
  if (!options_.token_file.empty()) (void)forget_session(options_.token_file);
  const bool was_active = active_;
  tokens_ = {};
  valid_until_ns_ = 0;
  if (was_active) {
    drop("logout");
  } else {
    ++generation_;
    notify();
  }
  co_return status{};
}

}  // namespace strike::brokers::angelone
