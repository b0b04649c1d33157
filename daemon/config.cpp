#include "daemon/config.hpp"
#include "daemon/config_table.hpp"

#include <cmath>

#include "base/file_io.hpp"
#include "core/session/session_hours.hpp"
#include "core/sha256.hpp"
#include "daemon/toml_reader.hpp"

namespace strike::daemon {
namespace {

void read_daemon(toml_reader r, daemon_section& d) {
  d.mode = r.one_of("mode", d.mode, {"live", "paper", "backtest"});
  d.trading = r.boolean("trading", d.trading);
  d.state_dir = r.path("state_dir", "var/state");
  d.log_dir = r.path("log_dir", "var/log");
  d.log_level = r.one_of("log_level", d.log_level, {"trace", "debug", "info", "warn", "error"});
  d.heartbeat_ms = r.integer("heartbeat_ms", d.heartbeat_ms, 50, 60'000);
  d.shutdown_timeout_ms = r.integer("shutdown_timeout_ms", d.shutdown_timeout_ms, 1'000, 600'000);
  d.min_free_mb = r.integer("min_free_mb", d.min_free_mb, 0, 1'000'000);
  d.lock_memory = r.boolean("lock_memory", d.lock_memory);
  r.finish();
}

void read_journal(toml_reader r, journal_section& j) {
  const auto durability = r.one_of("durability", std::string(storage::to_string(j.durability)),
                                   {"every_event", "group", "none"});
  j.durability = *storage::durability_from_string(durability);
  j.group_commit_ms = r.integer("group_commit_ms", j.group_commit_ms, 0, 1000);
  j.rotate_at_minutes = r.time_of_day("rotate_at", j.rotate_at_minutes);
  j.snapshots_kept = r.integer("snapshots_kept", j.snapshots_kept, 1, 100);
  j.max_queued_mb = r.integer("max_queued_mb", j.max_queued_mb, 1, 4096);
  r.finish();
}

void read_session(toml_reader r, session_section& s) {
  s.entry_start = r.time_of_day("entry_start", s.entry_start);
  s.entry_end = r.time_of_day("entry_end", s.entry_end);
  s.eod_exit = r.time_of_day("eod_exit", s.eod_exit);
  core::session_hours hours;
  hours.entry_start = s.entry_start;
  hours.entry_end = s.entry_end;
  hours.eod_exit = s.eod_exit;
  if (auto problem = core::check(hours); !problem.empty()) r.fail("entry_start", problem);
  for (const auto& text : r.text_list("expiry_weekdays", {})) {
    if (auto rule = core::parse_expiry_rule(text))
      s.expiry_weekdays.push_back(*rule);
    else
      r.fail("expiry_weekdays", "'" + text + "' is not \"YYYY-MM-DD weekday\"");
  }
  s.holidays_file = r.path("holidays_file", "");
  r.finish();
}

void read_market(toml_reader r, market_section& m) {
  m.bar_capacity = r.integer("bar_capacity", m.bar_capacity, 10, 100'000);
  m.compress_after_days = r.integer("compress_after_days", m.compress_after_days, 1, 3650);
  m.journal_bars = r.text_list("journal_bars", m.journal_bars);
  m.record_quoted_bars = r.boolean("record_quoted_bars", m.record_quoted_bars);
  r.finish();
}

// The underlyings table's freeze quantities (unless [orders.freeze_qty] names its own) and each
// instance's limits, in the trading engine's terms.
void apply_instances(const toml::table& root, config& c) {
  auto& trading = c.trading.trading;
  if (!root.at_path("orders.freeze_qty")) {
    trading.freeze_qty.clear();
    for (const auto& u : c.runtime.underlyings)
      if (u.freeze_qty > 0) trading.freeze_qty[u.name] = u.freeze_qty;
  }
  for (const auto& in : c.runtime.instances) {
    core::trading::instance_limits l;
    l.capital_paise = static_cast<std::int64_t>(
        std::llround(static_cast<double>(trading.risk.capital_paise) * in.capital_pct / 100.0));
    l.max_positions = in.max_positions;
    l.daily_loss_bps = std::llround(in.daily_loss_pct * 100.0);
    trading.instances[in.name] = l;
  }
}

}  // namespace

result<config> load_config(const std::filesystem::path& path) {
  const auto absolute = std::filesystem::absolute(path).lexically_normal();
  auto bytes = base::read_file(absolute);
  if (!bytes) return error{absolute.string() + ": cannot read: " + bytes.error().message};
  auto root = parse_config_table(*bytes, absolute);
  if (!root) return root.error();
  return read_config(*root, absolute, core::sha256_hex(*bytes));
}

result<toml::table> parse_config_table(std::string_view text, const std::filesystem::path& file) {
  try {
    return toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    return error{file.string() + ":" + std::to_string(src.begin.line) + ":" +
                 std::to_string(src.begin.column) + ": " + std::string(e.description())};
  }
}

result<config> read_config(const toml::table& root, const std::filesystem::path& file,
                           std::string sha256) {
  config c;
  c.path = file;
  c.sha256 = std::move(sha256);
  std::vector<std::string> errors;
  toml_reader top(&root, "", file.string(), errors);
  read_daemon(top.table("daemon"), c.daemon);
  read_journal(top.table("journal"), c.journal);
  read_session(top.table("session"), c.session);
  read_market(top.table("market"), c.market);
  read_trading_settings(top, c.trading);
  read_runtime_sections(top, c.runtime);
  apply_instances(root, c);
  read_broker(top.table("broker"), c.broker, c.daemon.state_dir);
  read_feeds(top.table("feeds"), c.feeds);
  read_status(top.table("status"), c.status);
  read_alerts(top.table("alerts"), c.alerts);
  read_backtest(top.table("backtest"), c.backtest);
  if (c.daemon.mode == "live" && c.broker.client_public_ip.empty())
    top.fail("broker",
             "[broker] client_public_ip must be set for live trading (the static IP "
             "registered for the API key)");
  top.finish();

  if (!errors.empty()) {
    std::string all;
    for (const auto& e : errors) all += (all.empty() ? "" : "\n") + e;
    return error{all};
  }
  return c;
}

}  // namespace strike::daemon
