// The [alerts] section of config.toml: where alerts go (webhooks, Telegram bots, commands), which
// events raise one, and how delivery is bounded so that it never holds up trading.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "daemon/secrets.hpp"

namespace strike::daemon {

class toml_reader;

// A JSON POST of every alert to url (http:// or https://).
struct webhook_sink {
  std::string url;
  std::optional<secret_source> token;  // sent as "Authorization: Bearer ..." when set
};

// A Telegram bot's sendMessage: POST {base_url}/bot{token}/sendMessage.
struct telegram_sink {
  std::string base_url = "https://api.telegram.org";
  secret_source bot_token;
  std::string chat_id;
};

// A program run once per alert, the alert's JSON on its standard input.
struct command_sink {
  std::vector<std::string> argv;
};

struct alerts_section {
  // Event type names that raise an alert.
  std::vector<std::string> events{
      "TradingHalted", "VixBreakerTripped",   "VixBreakerReset",
      "OrderRejected", "OrderOutcomeUnknown", "ReconciliationDiscrepancy",
      "FeedStale",     "FlattenCompleted",    "AuthFailed",
      "DaemonStarted", "DaemonStopped",       "ErrorRaised"};
  std::int64_t dedup_s = 300;        // the same alert again within this is counted, not sent
  std::int64_t max_per_minute = 20;  // alerts sent per minute, critical ones aside
  std::int64_t queue = 256;          // alerts waiting per sink; more are dropped and counted
  std::int64_t retries = 5;          // attempts after the first, with backoff from 1 s
  std::int64_t timeout_ms = 5'000;   // one delivery attempt
  std::int64_t flush_ms = 5'000;     // how long a stopping daemon waits for alerts in flight
  bool daily_report = true;          // write the day's report at the session close
  std::filesystem::path ca_file;     // trusted roots for https sinks; empty: the system's
  std::vector<webhook_sink> webhooks;
  std::vector<telegram_sink> telegrams;
  std::vector<command_sink> commands;

  bool has_sinks() const { return !webhooks.empty() || !telegrams.empty() || !commands.empty(); }
};

void read_alerts(toml_reader r, alerts_section& a);

}  // namespace strike::daemon
