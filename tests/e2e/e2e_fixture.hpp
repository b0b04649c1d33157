// The simulator and the daemon as separate processes, on one anchored scaled market clock,
// talking over real TLS and WebSockets on 127.0.0.1 — the way the README runs them.
#pragma once

#include <doctest/doctest.h>
#include <simdjson.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "daemon/recovery.hpp"
#include "storage/journal_reader.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/plain_http.hpp"
#include "tests/support/status_port.hpp"
#include "tests/support/striked.hpp"
#include "tests/support/temp_dir.hpp"

namespace strike::test {

using namespace std::chrono_literals;

// Under the sanitizers every process runs several times slower: on a scaled clock that is
// minutes of market, so tests that measure market timing relax or skip those checks there.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool sanitized = true;
#else
inline constexpr bool sanitized = false;
#endif

// A day at 900x, where a real millisecond is most of a market second: it runs by itself, not
// beside other e2e tests (scripts/test.sh runs the test suite "alone" apart).
inline const auto alone = doctest::test_suite("alone");

// The reference strategy with its filters opened up and quick exits: it enters whenever the daily
// and hourly trends agree, and a position lasts minutes, so a day has many orders in flight; no
// day halts on its losses.
inline const std::string busy_strategy = R"([strategy]
name = "trend_alignment"

[strategy.params]
entry_timeframe = "1m"
adx_min = 0
rsi_long_min = 0
rsi_long_max = 100
rsi_short_min = 0
rsi_short_max = 100
max_ema_distance_pct = 100
require_vwap = false
vix_min = 0
vix_max = 1000
cooldown_minutes = 0

[exits]
stop_loss_pct = 1.0
trail_activate_pct = 0.5
trail_pct = 0.5
target_pct = 1.0

[risk]
daily_loss_pct = 100
max_consecutive_losses = 1000
)";

// The simulator's demo account, as a daemon or a broker command reads it from its environment.
inline const std::vector<std::string> sim_account_env{
    "STRIKE_CLIENT_CODE=SIM001", "STRIKE_PIN=1234",
    "STRIKE_TOTP_SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "STRIKE_API_KEY=simkey01"};

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct e2e_fixture {
  temp_dir dir;
  std::string start;
  std::string speed;
  std::string anchor;
  std::unique_ptr<child_process> sim;
  std::uint16_t api_port = 0;
  std::uint16_t admin_port = 0;

  // Starts the simulator at `start_time` (IST), `x` market seconds per real second; sim_args
  // go to `striked sim` as well (and must keep the clock the daemon's: see daemon()).
  e2e_fixture(std::string start_time, int x, int seed = 7, std::vector<std::string> sim_args = {})
      : start(std::move(start_time)), speed(std::to_string(x)) {
    const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    anchor = std::to_string(now_ms + 1500);
    const auto ready = dir / "ready.json";
    std::vector<std::string> args{"sim",
                                  "--https-port",
                                  "0",
                                  "--admin-port",
                                  "0",
                                  "--cert-out",
                                  (dir / "cert.pem").string(),
                                  "--ready-file",
                                  ready.string(),
                                  "--seed",
                                  std::to_string(seed),
                                  "--start",
                                  start,
                                  "--speed",
                                  speed,
                                  "--anchor",
                                  anchor};
    args.insert(args.end(), sim_args.begin(), sim_args.end());
    sim = std::make_unique<child_process>(striked, args);
    std::optional<std::string> line;
    while ((line = sim->read_stdout_line(30s)) &&
           line->find("striked sim: ready ") == std::string::npos) {
    }
    REQUIRE(line.has_value());
    simdjson::dom::parser parser;
    simdjson::dom::element info = parser.parse(read_text(ready));
    api_port = static_cast<std::uint16_t>(int64_t(info["https_port"]));
    admin_port = static_cast<std::uint16_t>(int64_t(info["admin_port"]));
    write_config();
  }

  ~e2e_fixture() {
    if (sim) sim->signal(SIGTERM);
    // STRIKE_E2E_KEEP=DIR keeps each run's journal, logs and config there for a post-mortem.
    if (const char* keep = std::getenv("STRIKE_E2E_KEEP")) {
      std::error_code ec;
      const auto to = std::filesystem::path(keep) / dir.path().filename();
      std::filesystem::create_directories(to, ec);
      std::filesystem::copy(dir.path(), to, std::filesystem::copy_options::recursive, ec);
    }
  }

  std::filesystem::path config() const { return dir / "config.toml"; }
  std::filesystem::path state() const { return dir / "state"; }

  // extra: more tables; poll_ms: how often the daemon reads the order books while orders work.
  void write_config(const std::string& extra = "", int poll_ms = 200) {
    const std::string port = std::to_string(api_port);
    std::ofstream(config())
        << "[daemon]\nmode = \"live\"\nstate_dir = \"state\"\nlog_dir = \"log\"\nheartbeat_ms = "
           "100\n"
        << "shutdown_timeout_ms = 30000\n\n[broker]\nbase_url = \"https://127.0.0.1:" << port
        << "\"\nca_file = \"cert.pem\"\nclient_public_ip = \"127.0.0.1\"\ninstruments_url = "
           "\"https://127.0.0.1:"
        << port
        << "/OpenAPI_File/files/OpenAPIScripMaster.json\"\n\n[feeds]\nstream_url = "
           "\"wss://127.0.0.1:"
        << port << "/smart-stream\"\norder_url = \"wss://127.0.0.1:" << port
        << "/smart-order-update\"\n\n[status]\nport = 0\n\n[orders]\npoll_ms = " << poll_ms
        << "\n\n"
        << extra;
  }

  // The daemon, started on the shared clock with the simulator's demo account.
  std::unique_ptr<child_process> daemon(std::vector<std::string> extra_args = {}) {
    std::vector<std::string> args{"run",     "--config", config().string(), "--start", start,
                                  "--speed", speed,      "--anchor",        anchor};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    return std::make_unique<child_process>(striked, args, sim_account_env);
  }

  // Follows the journal until an event of `type` is appended (or was already there).
  bool wait_for_event(const std::string& type, std::chrono::milliseconds timeout, int count = 1) {
    child_process tail(
        striked, {"journal", "tail", state().string(), "-f", "--type", type, "-n", "1000000"});
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int seen = 0;
    while (auto line = tail.read_stdout_line(std::chrono::duration_cast<std::chrono::milliseconds>(
               deadline - std::chrono::steady_clock::now()))) {
      if (++seen >= count) return true;
    }
    return false;
  }

  // Events of `type` in the active journal segment, counted in its text (safe while the
  // daemon writes, and after a kill).
  int count_in_journal(const std::string& type) const {
    const std::string text = read_text(state() / "events.jsonl");
    const std::string needle = "\"type\":\"" + type + "\"";
    int n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
  }

  std::vector<events::event> journal() const {
    std::vector<events::event> out;
    auto r = storage::read_journal(state(), 0, [&](const events::event& e) -> status {
      out.push_back(e);
      return {};
    });
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    return out;
  }

  core::state replayed() const {
    auto r = strike::daemon::recover(state(), {.use_snapshots = false});
    REQUIRE(r.ok());
    return r->state;
  }

  plain_reply admin(const std::string& method, const std::string& target,
                    const std::string& body = "") const {
    return plain_request(admin_port, method, target, body);
  }
};

}  // namespace strike::test
