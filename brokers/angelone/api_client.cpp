#include "brokers/angelone/api_client.hpp"

#include <spdlog/spdlog.h>

#include <random>

#include "brokers/broker_error.hpp"

namespace strike::brokers::angelone {

namespace asio = boost::asio;
using events::failure_kind;

namespace {

std::uint64_t seed_or_random(std::uint64_t seed) {
  if (seed != 0) return seed;
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

std::vector<rate> rates_of(const endpoint_spec& s) {
  constexpr std::int64_t second = 1'000'000'000;
  return {rate{s.per_second, second}, rate{s.per_minute, 60 * second},
          rate{s.per_hour, 3600 * second}};
}

}  // namespace

api_client::api_client(http::https_client& http, timekeeper& time, api_options options,
                       request_identity identity, redactor& secrets, event_sink sink)
    : http_(http),
      time_(time),
      options_(options),
      identity_(std::move(identity)),
      secrets_(secrets),
      sink_(std::move(sink)),
      backoff_(options.backoff, seed_or_random(options.jitter_seed)) {
  secrets_.add(identity_.api_key);
  for (std::size_t i = 0; i < endpoint_count; ++i) {
    const auto& s = spec(static_cast<endpoint>(i));
    buckets_.try_emplace(s.bucket, rates_of(s), options_.rate_margin_ns);
  }
  for (std::size_t g = 0; g < breaker_group_count; ++g) {
    const auto group = static_cast<breaker_group>(g);
    breakers_[g] = std::make_unique<circuit_breaker>(
        options_.breaker, [this, group](events::breaker_state state, std::int64_t failures) {
          const auto name = group_name(group);
          SPDLOG_WARN("broker: circuit breaker '{}' is now {} after {} consecutive failures", name,
                      events::to_string(state), failures);
          if (sink_) sink_(events::broker_breaker_changed{std::string(name), state, failures});
        });
  }
}

http::request api_client::build(endpoint e, std::string body, const std::string& jwt,
                                const std::string& suffix) const {
  const auto& s = spec(e);
  http::request r;
  r.method = s.method;
  r.target = http_.server().path + std::string(s.path) + suffix;
  r.idempotent = s.method == http::method::get;
  r.headers = {
      {"Content-Type", "application/json"},
      {"Accept", "application/json"},
      {"X-UserType", "USER"},
      {"X-SourceID", "WEB"},
      {"X-ClientLocalIP", identity_.local_ip},
      {"X-ClientPublicIP", identity_.public_ip},
      {"X-MACAddress", identity_.mac},
      {"X-PrivateKey", identity_.api_key},
  };
  if (s.authorised && !jwt.empty()) r.headers.emplace_back("Authorization", "Bearer " + jwt);
  if (s.method == http::method::post) r.body = std::move(body);
  return r;
}

asio::awaitable<void> api_client::pace(endpoint e) {
  auto& bucket = buckets_.at(spec(e).bucket);
  for (;;) {
    const auto wait = bucket.try_take(time_.steady_ns());
    if (wait == 0) co_return;
    co_await time_.wait(wait);
  }
}

void api_client::report(endpoint e, const api_failure& f, std::int64_t attempt,
                        std::int64_t retry_in_ns) {
  const auto name = spec(e).name;
  if (retry_in_ns > 0)
    SPDLOG_WARN("broker: {} failed ({}, attempt {}), retrying in {} ms: {}", name,
                events::to_string(f.kind), attempt, retry_in_ns / 1'000'000, f.message);
  else
    SPDLOG_WARN("broker: {} failed ({}, attempt {}): {}", name, events::to_string(f.kind), attempt,
                f.message);
  if (sink_)
    sink_(events::broker_request_failed{std::string(name), f.kind,
                                        static_cast<std::int64_t>(f.http_status), f.code, f.message,
                                        attempt, retry_in_ns});
}

std::int64_t api_client::retry_delay(const api_failure& f, std::int64_t attempt) {
  auto delay = backoff_.delay_ns(attempt);
  if (f.kind == failure_kind::rate_limit) delay = std::max(delay, options_.rate_limited_wait_ns);
  return delay;
}

void api_client::record_delivered(endpoint e) {
  breakers_[static_cast<std::size_t>(spec(e).group)]->record_success();
}

asio::awaitable<api_outcome> api_client::call(endpoint e, std::string body, std::string jwt,
                                              std::string path_suffix, bool urgent) {
  const auto& s = spec(e);
  const auto g = static_cast<std::size_t>(s.group);
  auto& breaker = *breakers_[g];
  const std::int64_t max_attempts = s.resend_allowed ? std::max<std::int64_t>(1, options_.max_attempts) : 1;
  for (std::int64_t attempt = 1;; ++attempt) {
    if (!(urgent ? breaker.allow_urgent(time_.steady_ns()) : breaker.allow(time_.steady_ns()))) {
      api_outcome open;
      open.failure.kind = last_kind_[g];
      open.failure.message = "circuit breaker '" + std::string(group_name(s.group)) +
                             "' is open after repeated failures";
      open.failure.attempts = attempt;
      report(e, open.failure, attempt, 0);
      co_return open;
    }
    co_await pace(e);
    auto sent = co_await http_.send(build(e, body, jwt, path_suffix), options_.timeout_ns);
    const bool not_sent = !sent && !http::maybe_delivered(sent.error()) &&
                          sent.error().code == http::make_error_code(http::errc::shut_down);
    auto outcome = classify(e, std::move(sent));
    outcome.failure.message = secrets_.clean(outcome.failure.message);
    if (outcome.ok()) {
      breaker.record_success();
      outcome.reply->attempts = attempt;
      co_return outcome;
    }
    auto& f = outcome.failure;
    f.attempts = attempt;
    const bool server_side = f.kind == failure_kind::network || f.kind == failure_kind::timeout ||
                             f.kind == failure_kind::server || f.kind == failure_kind::bad_response;
    if (not_sent) breaker.release_probe();
    else if (server_side) {
      last_kind_[g] = f.kind;
      breaker.record_failure(time_.steady_ns());
    } else {
      // The server answered sensibly (a rejection, an auth or rate-limit reply): it is up.
      breaker.record_success();
    }
    const bool again = f.retryable && attempt < max_attempts && !not_sent;
    const std::int64_t delay = again ? retry_delay(f, attempt) : 0;
    report(e, f, attempt, delay);
    if (!again) co_return outcome;
    co_await time_.wait(delay);
  }
}

void api_client::reply_unusable(endpoint e, const std::string& problem, std::int64_t attempt) {
  api_failure f;
  f.kind = failure_kind::bad_response;
  f.http_status = 200;
  f.message = secrets_.clean(problem);
  report(e, f, attempt, 0);
}

error api_client::to_error(endpoint e, const api_failure& f) const {
  std::string message = std::string(spec(e).name) + ": " + std::string(events::to_string(f.kind)) + ": ";
  if (!f.code.empty()) message += f.code + " ";
  message += f.message;
  return broker_error(f.kind, secrets_.clean(message));
}

}  // namespace strike::brokers::angelone
