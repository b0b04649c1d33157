// The soak: trading days against the simulator, one after another, with faults injected and the
// daemon killed with SIGKILL at random moments. After every kill the simulator holds no order of
// ours twice, none the journal never submitted, and every fill made before the killed run started
// is in its journal; at each day's end, after a clean SIGTERM, both are flat and agree to the
// paisa.
//
// STRIKE_SOAK_KILLS (20 by default, as CI runs it), STRIKE_SOAK_SEED and STRIKE_SOAK_SPEED size
// and vary it; scripts/soak.sh runs it at any size. A failing day's state directory and the
// simulator's books are kept in STRIKE_SOAK_KEEP (by default strike-soak-failed in the temp dir).
#include <doctest/doctest.h>

#include <climits>
#include <cstdio>
#include <random>

#include "tests/e2e/e2e_soak_checks.hpp"

using namespace strike;
using namespace std::chrono_literals;

namespace strike::test::soak {

struct soak_settings {
  // Under the sanitizers a start-up takes several times longer: fewer kills keep CI's time.
  int kills = sanitized ? 6 : 20;
  int kills_per_day = 10;
  std::uint64_t seed = 1;
  int speed = 200;
  std::filesystem::path keep = std::filesystem::temp_directory_path() / "strike-soak-failed";

  static soak_settings from_environment() {
    soak_settings s;
    if (const char* v = std::getenv("STRIKE_SOAK_KILLS")) s.kills = std::stoi(v);
    if (const char* v = std::getenv("STRIKE_SOAK_SEED")) s.seed = std::stoull(v);
    if (const char* v = std::getenv("STRIKE_SOAK_SPEED")) s.speed = std::stoi(v);
    if (const char* v = std::getenv("STRIKE_SOAK_KEEP")) s.keep = v;
    return s;
  }
};

struct soak_tally {
  int days = 0;
  int kills = 0;
  int kills_after_reconciliation = 0;  // kills whose run had journaled its reconciliation
  std::int64_t orders = 0;             // placed at the simulator
  std::int64_t fills = 0;
  int duplicates = 0;
  int disagreements = 0;
  std::map<std::string, int> discrepancies;  // the daemon's ReconciliationDiscrepancy, by kind
};

// Trading days, each a fresh simulator (a NSE expiry day among them).
inline const std::vector<std::string> trading_days{"2026-01-05", "2026-01-06", "2026-01-07",
                                                   "2026-01-08", "2026-01-09", "2026-01-12",
                                                   "2026-01-13", "2026-01-14"};

// The busy strategy, in two lots always, so that partial fills happen.
inline const std::string busy_trading = busy_strategy + R"(
[[risk.sizing]]
vix_below = 1e9
min_dte = 0
max_dte = 1000
lots = 2
)";

// The faults a day runs under: errors and dropped connections on every request, partial fills,
// and placeOrders accepted but answered with nothing or not at all, re-armed before each start.
inline const std::string day_faults =
    R"({"error_rate":0.05,"drop_rate":0.03,"partial_fill_ratio":0.5})";

std::string rearmed_order_faults(std::mt19937_64& rng) {
  return R"({"empty_order_reply_next":)" + std::to_string(rng() % 2) +
         R"(,"drop_after_accept_next":)" + std::to_string(rng() % 2) + "}";
}

// Copies a failing day's state directory and the simulator's books to `keep`.
struct keep_on_failure {
  const e2e_fixture& f;
  std::filesystem::path to;
  bool passed = false;

  ~keep_on_failure() {
    if (passed) return;
    std::error_code ec;
    std::filesystem::create_directories(to, ec);
    std::filesystem::copy(f.dir.path(), to, std::filesystem::copy_options::recursive, ec);
    for (const char* book : {"orders", "trades", "positions"})
      std::ofstream(to / (std::string("sim-") + book + ".json"))
          << f.admin("GET", std::string("/admin/") + book).body;
    std::fprintf(stderr, "soak: the failing day is kept in %s\n", to.c_str());
  }
};

// Starts the daemon and kills it with SIGKILL: now and then during its start-up, else once it has
// reconciled and soon after its next order goes out (if one does within a few seconds), where a
// crash could send an order twice or lose a fill. The first run of a day waits longer for an
// order, so the restarts have one to resolve. Returns the killed daemon's process id.
pid_t run_until_killed(e2e_fixture& f, std::mt19937_64& rng, bool first_of_day) {
  const int reconciled = f.count_in_journal("ReconciliationCompleted");
  const int submitted = f.count_in_journal("OrderSubmitted");
  auto d = f.daemon();
  if (!first_of_day && rng() % 4 == 0) {
    CHECK_FALSE(d->wait_exit(std::chrono::milliseconds(rng() % 1500)).has_value());
  } else {
    REQUIRE(f.wait_for_event("ReconciliationCompleted", 60s, reconciled + 1));
    const auto wait = first_of_day ? std::chrono::milliseconds(30s)
                                   : std::chrono::milliseconds(1000 + rng() % 3000);
    (void)f.wait_for_event("OrderSubmitted", wait, submitted + 1);
    CHECK_FALSE(d->wait_exit(std::chrono::milliseconds(rng() % 400)).has_value());
  }
  d->signal(SIGKILL);
  REQUIRE(d->wait_exit(20s) == 128 + SIGKILL);
  return d->pid();
}

// A clean end to the day: faults off, one more start that reconciles, then SIGTERM, which
// flattens and cancels before the daemon exits 0.
void end_day(e2e_fixture& f) {
  REQUIRE(f.admin("POST", "/admin/faults", R"({"error_rate":0,"drop_rate":0})").status == 200);
  auto d = f.daemon();
  REQUIRE(d->wait_for_stderr("orders checked", 60s));
  d->signal(SIGTERM);
  const auto code = d->wait_exit(60s);
  INFO(d->drain_stderr());
  REQUIRE(code == 0);
}

void record(const std::vector<std::string>& problems, const std::string& where, soak_tally& t) {
  t.disagreements += static_cast<int>(problems.size());
  for (const auto& p : problems) FAIL_CHECK(where << ": " << p);
}

// One day: up to `kills` kills, fewer if the market clock nears the end of the entry window.
void soak_day(const soak_settings& s, int day, int kills, soak_tally& tally) {
  const std::uint64_t seed = s.seed * 1000 + static_cast<std::uint64_t>(day);
  const std::string date = trading_days[static_cast<std::size_t>(day) % trading_days.size()];
  const std::string label =
      "day " + std::to_string(day + 1) + " (" + date + ", seed " + std::to_string(seed) + ")";
  INFO(label);
  std::mt19937_64 rng(seed);
  e2e_fixture f(date + "T10:00:00+05:30", s.speed, static_cast<int>(seed % INT_MAX));
  keep_on_failure keep{f, s.keep / ("seed-" + std::to_string(seed))};
  const int disagreements_before = tally.disagreements;
  f.write_config(busy_trading);
  REQUIRE(f.admin("POST", "/admin/faults", day_faults).status == 200);
  // 10:00 to 14:00 market time: the last run still flattens well inside the session.
  const auto began = std::chrono::steady_clock::now();
  const auto market_hours = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count() *
           s.speed / 3600.0;
  };
  int done = 0;
  for (; done < kills && market_hours() < 4.0; ++done) {
    const std::string where = label + ", kill " + std::to_string(tally.kills + 1);
    INFO(where);
    REQUIRE(f.admin("POST", "/admin/faults", rearmed_order_faults(rng)).status == 200);
    const pid_t killed = run_until_killed(f, rng, done == 0);
    ++tally.kills;
    const auto j = read_journal_record(f);
    tally.kills_after_reconciliation += j.last_start_pid == killed && j.last_run_reconciled;
    // A duplicate stays in the simulator's books: it is counted once, at the day's end.
    int duplicates = 0;
    record(check_after_kill(j, read_sim(f), duplicates), where, tally);
  }
  end_day(f);
  const auto j = read_journal_record(f);
  const auto sim = read_sim(f);
  int duplicates = 0;
  record(check_day_end(f, j, sim, duplicates), label + ", day end", tally);
  tally.duplicates += duplicates;
  for (const auto& [kind, n] : j.discrepancies) tally.discrepancies[kind] += n;
  tally.orders += static_cast<std::int64_t>(sim.orders.size());
  tally.fills += static_cast<std::int64_t>(sim.fills.size());
  ++tally.days;
  const int disagreements = tally.disagreements - disagreements_before;
  std::fprintf(stderr,
               "soak: %s: %d kills, %zu orders, %zu fills, %d duplicates, %d disagreements "
               "(so far %d kills, %d disagreements)\n",
               label.c_str(), done, sim.orders.size(), sim.fills.size(), duplicates, disagreements,
               tally.kills, tally.disagreements);
  keep.passed = disagreements == 0 && duplicates == 0;
}

}  // namespace strike::test::soak

TEST_CASE("soak: days of kill -9 at random moments under faults never duplicate an order") {
  using namespace strike::test::soak;
  const auto s = soak_settings::from_environment();
  std::fprintf(stderr, "soak: %d kills, seed %llu, %dx\n", s.kills,
               static_cast<unsigned long long>(s.seed), s.speed);
  soak_tally tally;
  for (int day = 0; tally.kills < s.kills; ++day)
    soak_day(s, day, std::min(s.kills_per_day, s.kills - tally.kills), tally);
  std::string kinds;
  for (const auto& [kind, n] : tally.discrepancies) kinds += " " + kind + "=" + std::to_string(n);
  std::fprintf(stderr,
               "soak: done: %d kills (%d after reconciliation), %d days, %lld orders, %lld fills, "
               "%d duplicates, %d disagreements; reconciliation found:%s\n",
               tally.kills, tally.kills_after_reconciliation, tally.days,
               static_cast<long long>(tally.orders), static_cast<long long>(tally.fills),
               tally.duplicates, tally.disagreements, kinds.empty() ? " nothing" : kinds.c_str());
  CHECK(tally.duplicates == 0);
  CHECK(tally.disagreements == 0);
}
