// The [broker] section of config.toml: which broker, where it is, how to reach it safely, and
// where its credentials come from (sources, never the secrets themselves).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "daemon/secrets.hpp"

namespace strike::daemon {

class toml_reader;

struct broker_section {
  std::string broker = "angelone";
  std::string base_url = "https://127.0.0.1:8443";
  std::filesystem::path ca_file;  // absolute; empty: the system's trusted roots
  secret_source client_code{secret_source::kind::env, "STRIKE_CLIENT_CODE"};
  secret_source pin{secret_source::kind::env, "STRIKE_PIN"};
  secret_source totp_secret{secret_source::kind::env, "STRIKE_TOTP_SECRET"};
  secret_source api_key{secret_source::kind::env, "STRIKE_API_KEY"};
  std::string client_local_ip = "auto";
  std::string client_public_ip;  // the static IP registered for the API key
  std::string mac_address = "auto";
  std::int64_t request_timeout_ms = 7000;
  std::int64_t max_attempts = 4;
  std::int64_t backoff_initial_ms = 750;
  std::int64_t backoff_max_ms = 3000;
  std::int64_t backoff_jitter_percent = 20;
  std::int64_t breaker_failures = 5;
  std::int64_t breaker_cool_down_ms = 30'000;
  std::int64_t place_lookup_delay_ms = 1000;
  std::int64_t place_max_sends = 3;
  std::int64_t max_idle_connections = 4;
  std::int64_t idle_timeout_ms = 30'000;
  std::string instruments_url = "https://127.0.0.1:8443/OpenAPI_File/files/OpenAPIScripMaster.json";
  std::filesystem::path instruments_cache_dir;  // absolute; default <state_dir>/instruments
  int instruments_refresh_at = 8 * 60 + 30;     // IST minutes
  std::int64_t instruments_timeout_ms = 120'000;
  std::string token_file = "broker-tokens.json";  // in the state directory
  int session_expiry = 0;                         // IST minutes: tokens end at this time of day
  std::int64_t refresh_before_minutes = 15;
};

// Reads the section (r may be for an absent table: defaults throughout). state_dir fills the
// defaults that live in it.
void read_broker(toml_reader r, broker_section& b, const std::filesystem::path& state_dir);

}  // namespace strike::daemon
