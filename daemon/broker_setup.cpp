#include "daemon/broker_setup.hpp"

namespace strike::daemon {

namespace {

constexpr std::int64_t ns_per_ms = 1'000'000;

// "auto" or empty means: detect it.
std::string detected_or(const std::string& value) { return value == "auto" ? "" : value; }

}  // namespace

brokers::angelone::client_settings angelone_settings(const broker_section& b,
                                                     const std::filesystem::path& state_dir) {
  brokers::angelone::client_settings s;
  s.base_url = b.base_url;
  s.ca_file = b.ca_file;
  s.client_local_ip = detected_or(b.client_local_ip);
  s.client_public_ip = b.client_public_ip;
  s.mac_address = detected_or(b.mac_address);
  s.api.timeout_ns = b.request_timeout_ms * ns_per_ms;
  s.api.max_attempts = b.max_attempts;
  s.api.backoff = {b.backoff_initial_ms * ns_per_ms, b.backoff_max_ms * ns_per_ms, b.backoff_jitter_percent};
  s.api.breaker = {b.breaker_failures, b.breaker_cool_down_ms * ns_per_ms};
  s.http.max_idle = static_cast<std::size_t>(b.max_idle_connections);
  s.http.idle_timeout_ns = b.idle_timeout_ms * ns_per_ms;
  s.session.token_file = b.token_file.empty() ? std::filesystem::path{} : state_dir / b.token_file;
  s.session.expiry_minute_ist = b.session_expiry;
  s.session.refresh_before_ns = b.refresh_before_minutes * 60 * 1'000 * ns_per_ms;
  s.instruments.url = b.instruments_url;
  s.instruments.cache_dir = b.instruments_cache_dir;
  s.instruments.refresh_minute_ist = b.instruments_refresh_at;
  s.instruments.timeout_ns = b.instruments_timeout_ms * ns_per_ms;
  s.place_lookup_delay_ns = b.place_lookup_delay_ms * ns_per_ms;
  s.place_max_sends = b.place_max_sends;
  return s;
}

result<brokers::angelone::credentials> read_credentials(const broker_section& b) {
  brokers::angelone::credentials c;
  std::string problems;
  auto take = [&](const char* what, const secret_source& src, std::string& out) {
    auto v = read_secret(src);
    if (!v) problems += (problems.empty() ? "" : "\n") + std::string("broker ") + what + ": " + v.error().message;
    else out = std::move(*v);
  };
  take("client_code", b.client_code, c.client_code);
  take("pin", b.pin, c.pin);
  take("totp_secret", b.totp_secret, c.totp_secret);
  take("api_key", b.api_key, c.api_key);
  if (!problems.empty()) return error{problems};
  return c;
}

}  // namespace strike::daemon
