#include "daemon/broker_config.hpp"

#include "brokers/http/url.hpp"
#include "daemon/toml_reader.hpp"

namespace strike::daemon {

namespace {

void read_source(toml_reader& r, std::string_view key, secret_source& out) {
  const auto text = r.text(key, out.describe());
  auto parsed = parse_secret_source(text, std::filesystem::path(r.file()).parent_path());
  if (!parsed) r.fail(key, parsed.error().message);
  else out = *parsed;
}

}  // namespace

void read_broker(toml_reader r, broker_section& b, const std::filesystem::path& state_dir) {
  b.broker = r.one_of("broker", b.broker, {"angelone"});
  b.base_url = r.text("base_url", b.base_url);
  if (auto u = brokers::http::parse_url(b.base_url); !u) r.fail("base_url", u.error().message);
  b.ca_file = r.path("ca_file", "var/sim/cert.pem");
  read_source(r, "client_code", b.client_code);
  read_source(r, "pin", b.pin);
  read_source(r, "totp_secret", b.totp_secret);
  read_source(r, "api_key", b.api_key);
  b.client_local_ip = r.text("client_local_ip", b.client_local_ip);
  b.client_public_ip = r.text("client_public_ip", b.client_public_ip);
  b.mac_address = r.text("mac_address", b.mac_address);
  b.request_timeout_ms = r.integer("request_timeout_ms", b.request_timeout_ms, 100, 120'000);
  b.max_attempts = r.integer("max_attempts", b.max_attempts, 1, 10);
  b.backoff_initial_ms = r.integer("backoff_initial_ms", b.backoff_initial_ms, 10, 60'000);
  b.backoff_max_ms = r.integer("backoff_max_ms", b.backoff_max_ms, 10, 600'000);
  b.backoff_jitter_percent = r.integer("backoff_jitter_percent", b.backoff_jitter_percent, 0, 100);
  b.breaker_failures = r.integer("breaker_failures", b.breaker_failures, 1, 1000);
  b.breaker_cool_down_ms = r.integer("breaker_cool_down_ms", b.breaker_cool_down_ms, 100, 3'600'000);
  b.place_lookup_delay_ms = r.integer("place_lookup_delay_ms", b.place_lookup_delay_ms, 0, 60'000);
  b.place_max_sends = r.integer("place_max_sends", b.place_max_sends, 1, 10);
  b.max_idle_connections = r.integer("max_idle_connections", b.max_idle_connections, 0, 64);
  b.idle_timeout_ms = r.integer("idle_timeout_ms", b.idle_timeout_ms, 100, 3'600'000);
  b.instruments_url = r.text("instruments_url", b.instruments_url);
  if (auto u = brokers::http::parse_url(b.instruments_url); !u) r.fail("instruments_url", u.error().message);
  b.instruments_cache_dir = r.path("instruments_cache_dir", state_dir / "instruments");
  b.instruments_refresh_at = r.time_of_day("instruments_refresh_at", b.instruments_refresh_at);
  b.instruments_timeout_ms = r.integer("instruments_timeout_ms", b.instruments_timeout_ms, 1000, 600'000);
  b.token_file = r.text("token_file", b.token_file);
  if (b.token_file.find('/') != std::string::npos) r.fail("token_file", "must be a file name (it lives in state_dir)");
  b.session_expiry = r.time_of_day("session_expiry", b.session_expiry);
  b.refresh_before_minutes = r.integer("refresh_before_minutes", b.refresh_before_minutes, 1, 12 * 60);
  if (b.backoff_max_ms < b.backoff_initial_ms) r.fail("backoff_max_ms", "must be at least backoff_initial_ms");
  r.finish();
}

}  // namespace strike::daemon
