// `striked sim`: runs the Angel One SmartAPI simulator (sim/) until SIGINT/SIGTERM.
// Settings come from a TOML file (--config) and/or flags; flags win. See docs/simulator.md.
#include <spdlog/spdlog.h>
#include <algorithm>

#include <toml++/toml.h>
#include <csignal>
#include <cstdio>
#include <memory>

#include "base/file_io.hpp"
#include "core/ist.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/logging.hpp"
#include "daemon/toml_reader.hpp"
#include "sim/json_fields.hpp"
#include "sim/simulator.hpp"
#include "sim/time_text.hpp"

namespace strike::daemon {
namespace {

// The account `striked sim` serves when none is configured, so a fresh machine works out of
// the box. These are simulator credentials, not secrets.
sim::account demo_account() {
  sim::account a;
  a.client_code = "SIM001";
  a.pin = "1234";
  a.totp_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  a.api_key = "simkey01";
  return a;
}

struct run_settings {
  std::string start;  // market start time; "" = the system clock
  double speed = 1.0;
  double closed_speed = 0;  // outside market hours (core/clock.hpp); 0 = speed
  std::string log_level = "info";
};

void read_faults(toml_reader r, sim::fault_settings& f) {
  f.error_rate = r.number("error_rate", f.error_rate, 0, 1);
  f.rate_limit_rate = r.number("rate_limit_rate", f.rate_limit_rate, 0, 1);
  f.drop_rate = r.number("drop_rate", f.drop_rate, 0, 1);
  f.latency_ms = r.integer("latency_ms", f.latency_ms, 0, 60'000);
  f.reject_rate = r.number("reject_rate", f.reject_rate, 0, 1);
  f.reject_sell_rate = r.number("reject_sell_rate", f.reject_sell_rate, 0, 1);
  f.order_book_lag_ms = r.integer("order_book_lag_ms", f.order_book_lag_ms, 0, 3'600'000);
  f.hold_place_reply_ms = r.integer("hold_place_reply_ms", f.hold_place_reply_ms, 0, 3'600'000);
  f.partial_fill_ratio = r.number("partial_fill_ratio", f.partial_fill_ratio, 0, 1);
  f.partial_fill_rest_s = r.integer("partial_fill_rest_s", f.partial_fill_rest_s, 0, 86'400);
  f.enforce_rate_limits = r.boolean("enforce_rate_limits", f.enforce_rate_limits);
  f.endpoints = r.text_list("endpoints", f.endpoints);
  auto& w = f.stream;
  w.ws_drop_rate = r.number("ws_drop_rate", w.ws_drop_rate, 0, 1);
  w.ws_stall_rate = r.number("ws_stall_rate", w.ws_stall_rate, 0, 1);
  w.ws_stall_ms = r.integer("ws_stall_ms", w.ws_stall_ms, 0, 600'000);
  w.ws_malformed_rate = r.number("ws_malformed_rate", w.ws_malformed_rate, 0, 1);
  w.ws_truncate_rate = r.number("ws_truncate_rate", w.ws_truncate_rate, 0, 1);
  w.tick_duplicate_rate = r.number("tick_duplicate_rate", w.tick_duplicate_rate, 0, 1);
  w.update_duplicate_rate = r.number("update_duplicate_rate", w.update_duplicate_rate, 0, 1);
  w.ws_feeds = r.text_list("ws_feeds", w.ws_feeds);
  r.finish();
}

std::string load_toml(const std::string& path, sim::sim_config& c, run_settings& rs) {
  const auto absolute = std::filesystem::absolute(path).lexically_normal();
  auto bytes = base::read_file(absolute);
  if (!bytes) return absolute.string() + ": cannot read: " + bytes.error().message;
  toml::table root;
  try {
    root = toml::parse(*bytes, absolute.string());
  } catch (const toml::parse_error& e) {
    return absolute.string() + ":" + std::to_string(e.source().begin.line) + ":" +
           std::to_string(e.source().begin.column) + ": " + std::string(e.description());
  }
  std::vector<std::string> errors;
  toml_reader top(&root, "", absolute.string(), errors);
  {
    auto r = top.table("sim");
    c.listen_address = r.text("listen", c.listen_address);
    c.https_port = static_cast<std::uint16_t>(r.integer("https_port", c.https_port, 0, 65535));
    const auto http = r.integer("http_port", -1, -1, 65535);
    c.http_enabled = http >= 0;
    c.http_port = static_cast<std::uint16_t>(c.http_enabled ? http : 0);
    c.admin_port = static_cast<std::uint16_t>(r.integer("admin_port", c.admin_port, 0, 65535));
    c.seed = static_cast<std::uint64_t>(
        r.integer("seed", static_cast<std::int64_t>(c.seed), 0, INT64_MAX));
    c.cert_out = r.path("cert_out", c.cert_out);
    c.key_out = r.path("key_out", c.key_out);
    c.ready_file = r.path("ready_file", c.ready_file);
    c.token_expiry_minute_ist = r.time_of_day("token_expiry", c.token_expiry_minute_ist);
    c.request_log_limit = static_cast<std::size_t>(r.integer(
        "request_log_limit", static_cast<std::int64_t>(c.request_log_limit), 100, 10'000'000));
    rs.start = r.text("start", rs.start);
    rs.speed = r.number("speed", rs.speed, 0.001, 100'000);
    rs.closed_speed = r.number("closed_speed", rs.closed_speed, 0, 1'000'000);
    rs.log_level = r.one_of("log_level", rs.log_level, {"trace", "debug", "info", "warn", "error"});
    r.finish();
  }
  {
    auto r = top.table("market");
    auto& m = c.market;
    m.nifty_open = r.number("nifty_open", m.nifty_open, 1000, 1e6);
    m.banknifty_open = r.number("banknifty_open", m.banknifty_open, 1000, 1e6);
    m.vix_open = r.number("vix_open", m.vix_open, 1, 200);
    for (const auto& text : r.text_list("holidays", {})) {
      if (auto d = core::parse_date(text))
        m.holidays.push_back(*d);
      else
        r.fail("holidays", "'" + text + "' is not a date like 2026-01-26");
    }
    m.instruments.strikes_each_side =
        static_cast<int>(r.integer("strikes_each_side", m.instruments.strikes_each_side, 1, 500));
    m.instruments.expiries = static_cast<int>(r.integer("expiries", m.instruments.expiries, 1, 52));
    m.instruments.banknifty_monthly =
        r.one_of("banknifty_expiry", m.instruments.banknifty_monthly ? "monthly" : "weekly",
                 {"weekly", "monthly"}) == "monthly";
    r.finish();
  }
  if (const auto* accounts = root["accounts"].as_table()) {
    auto r = top.table("accounts");
    c.accounts.clear();
    for (const auto& [code, node] : *accounts) {
      auto a = r.table(code.str());
      sim::account acct;
      acct.client_code = std::string(code.str());
      acct.pin = a.text("pin", "");
      acct.totp_secret = a.text("totp_secret", "");
      acct.api_key = a.text("api_key", "");
      acct.name = a.text("name", acct.name);
      acct.cash_paise = a.integer("cash", acct.cash_paise / 100, 0, 1'000'000'000'000) * 100;
      if (acct.pin.empty() || acct.totp_secret.empty() || acct.api_key.empty())
        a.fail("", "needs pin, totp_secret and api_key");
      a.finish();
      c.accounts.push_back(std::move(acct));
    }
    r.finish();
  }
  if (const auto* scenarios = root["scenarios"].as_table()) {
    auto r = top.table("scenarios");
    for (const auto& [name, node] : *scenarios) {
      auto s = r.table(name.str());
      sim::scenario sc;
      const auto symbol = s.one_of("symbol", "INDIAVIX", {"NIFTY", "BANKNIFTY", "INDIAVIX"});
      sc.target = symbol == "NIFTY"       ? sim::series::nifty
                  : symbol == "BANKNIFTY" ? sim::series::banknifty
                                          : sim::series::vix;
      const auto start = s.text("start", "");
      if (auto t = sim::parse_iso_time(start))
        sc.start_ns = *t;
      else
        s.fail("start", "expected a time like 2026-01-06T11:00:00+05:30");
      sc.change_pct = s.number("change_pct", 0, -99, 1000);
      sc.ramp_s = s.integer("ramp_s", sc.ramp_s, 0, 86'400);
      sc.hold_s = s.integer("hold_s", sc.hold_s, 0, 86'400 * 30);
      sc.revert_s = s.integer("revert_s", sc.revert_s, 0, 86'400 * 30);
      s.finish();
      c.market.scenarios.push_back(sc);
    }
    r.finish();
  }
  read_faults(top.table("faults"), c.faults);
  top.finish();
  std::string all;
  for (const auto& e : errors) all += (all.empty() ? "" : "\n") + e;
  return all;
}

// CODE:PIN:TOTP_SECRET:API_KEY
std::optional<sim::account> parse_account(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t at = 0;
  for (;;) {
    const auto colon = text.find(':', at);
    parts.push_back(text.substr(at, colon - at));
    if (colon == std::string::npos) break;
    at = colon + 1;
  }
  if (parts.size() != 4) return std::nullopt;
  for (const auto& p : parts)
    if (p.empty()) return std::nullopt;
  sim::account a;
  a.client_code = parts[0];
  a.pin = parts[1];
  a.totp_secret = parts[2];
  a.api_key = parts[3];
  return a;
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "striked sim: %s\n", message.c_str());
  return exit_code::usage;
}

// Runs the simulator until SIGINT/SIGTERM; returns the exit code.
int serve(const sim::sim_config& c, const core::clock& market_clock,
          const core::clock& real_clock) {
  sim::simulator s(c, market_clock, real_clock);
  // Before start(): once the ready file exists, SIGTERM must already mean a clean stop.
  s.stop_on_signals();
  if (auto st = s.start(); !st) {
    std::fprintf(stderr, "striked sim: %s\n", st.error().message.c_str());
    return exit_code::failure;
  }
  const auto p = s.ports();
  std::printf("striked sim: api https://%s:%u\n", c.listen_address.c_str(), p.https);
  if (c.http_enabled)
    std::printf("striked sim: api http://%s:%u\n", c.listen_address.c_str(), p.http);
  std::printf("striked sim: admin http://%s:%u/admin/status\n", c.listen_address.c_str(), p.admin);
  if (!c.cert_out.empty()) std::printf("striked sim: certificate %s\n", c.cert_out.c_str());
  std::printf("striked sim: ready %s\n", s.ready_json().c_str());
  std::fflush(stdout);
  SPDLOG_INFO("simulator listening: https {} admin {} seed {} accounts {}", p.https, p.admin,
              c.seed, c.accounts.size());
  s.run();
  return exit_code::ok;
}

}  // namespace

int sim_command(args& a) {
  sim::sim_config c;
  run_settings rs;
  if (auto path = a.option("--config")) {
    if (auto problems = load_toml(*path, c, rs); !problems.empty()) {
      std::fprintf(stderr, "%s\nstriked sim: refusing to start with an invalid config\n",
                   problems.c_str());
      return exit_code::usage;
    }
  }
  auto port = [&](const char* name, std::uint16_t& out) -> bool {
    auto v = a.option(name);
    if (!v) return true;
    auto n = sim::parse_integer(*v);
    if (!n || *n < 0 || *n > 65535) return false;
    out = static_cast<std::uint16_t>(*n);
    return true;
  };
  if (auto v = a.option("--listen")) c.listen_address = *v;
  if (!port("--https-port", c.https_port)) return usage_error("--https-port needs a port number");
  if (!port("--admin-port", c.admin_port)) return usage_error("--admin-port needs a port number");
  if (auto v = a.option("--http-port")) {
    auto n = sim::parse_integer(*v);
    if (!n || *n < 0 || *n > 65535) return usage_error("--http-port needs a port number");
    c.http_enabled = true;
    c.http_port = static_cast<std::uint16_t>(*n);
  }
  if (auto v = a.option("--cert-out")) c.cert_out = *v;
  if (auto v = a.option("--key-out")) c.key_out = *v;
  if (auto v = a.option("--ready-file")) c.ready_file = *v;
  if (auto v = a.option("--seed")) {
    auto n = sim::parse_integer(*v);
    if (!n || *n < 0) return usage_error("--seed needs a non-negative integer");
    c.seed = static_cast<std::uint64_t>(*n);
  }
  if (auto v = a.option("--start")) rs.start = *v;
  if (auto v = a.option("--speed")) {
    try {
      rs.speed = std::stod(*v);
    } catch (...) {
      rs.speed = 0;
    }
    if (!(rs.speed > 0)) return usage_error("--speed needs a positive number");
  }
  if (auto v = a.option("--closed-speed")) {
    try {
      rs.closed_speed = std::stod(*v);
    } catch (...) {
      rs.closed_speed = -1;
    }
    if (!(rs.closed_speed >= 0)) return usage_error("--closed-speed needs a number, 0 or more");
  }
  if (auto v = a.option("--log-level")) rs.log_level = *v;
  std::int64_t anchor_ns = 0;
  if (auto v = a.option("--anchor")) {
    auto n = sim::parse_integer(*v);
    if (!n || *n <= 0) return usage_error("--anchor takes Unix milliseconds");
    anchor_ns = *n * 1'000'000;
  }
  std::vector<sim::account> flag_accounts;
  while (auto v = a.option("--account")) {
    auto acct = parse_account(*v);
    if (!acct) return usage_error("--account takes CODE:PIN:TOTP_SECRET:API_KEY");
    flag_accounts.push_back(std::move(*acct));
  }
  if (!flag_accounts.empty()) c.accounts = std::move(flag_accounts);
  while (auto v = a.option("--holiday")) {
    auto d = core::parse_date(*v);
    if (!d) return usage_error("--holiday takes a date like 2026-01-26");
    c.market.holidays.push_back(*d);
  }
  if (auto extra = a.unused()) return usage_error("unexpected argument '" + *extra + "'");
  if (c.accounts.empty()) c.accounts.push_back(demo_account());

  init_console_logging(rs.log_level);
  core::system_clock real_clock;
  std::unique_ptr<core::clock> market_clock;
  if (!rs.start.empty() || rs.speed != 1.0 || rs.closed_speed > 0) {
    std::int64_t start_ns = real_clock.now_ns();
    if (!rs.start.empty()) {
      auto t = sim::parse_iso_time(rs.start);
      if (!t) return usage_error("--start takes a time like 2026-01-06T09:15:00+05:30");
      start_ns = *t;
    }
    market_clock =
        std::make_unique<core::scaled_clock>(start_ns, rs.speed, anchor_ns, rs.closed_speed);
    // A market second a step where the machine allows: 5 ms at most 200 steps a second.
    c.step_interval_ms =
        std::clamp<std::int64_t>(static_cast<std::int64_t>(1000.0 / rs.speed), 5, 50);
  } else {
    market_clock = std::make_unique<core::system_clock>();
  }

  const int code = serve(c, *market_clock, real_clock);
  if (code != exit_code::ok) return code;
  // The simulator restored the default signal actions; a late signal must not kill a clean exit.
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGTERM, SIG_IGN);
  SPDLOG_INFO("simulator stopped");
  spdlog::shutdown();
  return exit_code::ok;
}

}  // namespace strike::daemon
