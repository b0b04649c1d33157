// `striked report` on a backtest's output directory, as a user runs it: one self-contained,
// deterministic page whose numbers are those of `striked stats` and whose trade rows are the
// journal's closes with the seq of their open and close.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/sha256.hpp"
#include "storage/journal_reader.hpp"
#include "tests/backtest/optimize_runs.hpp"
#include "tests/support/temp_dir.hpp"

namespace strike::test::report_command_test {

using optimize_runs::file_text;
using optimize_runs::run_striked;

// One synthetic backtest week, run once for every test of this file.
const std::filesystem::path& backtest_dir() {
  static temp_dir dir;
  static const bool ran = [] {
    const auto r =
        run_striked({"backtest", "--config", shipped_config, "--from", "2026-01-05", "--to",
                     "2026-01-09", "--synthetic", "7", "--out", (dir / "bt").string(), "--quiet"});
    return r.code == 0;
  }();
  REQUIRE(ran);
  static const std::filesystem::path bt = dir / "bt";
  return bt;
}

// The value `striked stats` prints on the line named name ("net P&L").
std::string stats_value(const std::string& table, const std::string& name) {
  const auto at = table.find(name + " ");
  if (at == std::string::npos) return {};
  const auto end = table.find('\n', at);
  const auto value = table.find_first_not_of(' ', at + name.size());
  return table.substr(value, end - value);
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

struct closed_trade {
  std::int64_t open_seq = 0;
  std::int64_t close_seq = 0;
};

// Every PositionClosed with the seq of the PositionOpened of the same entry order.
std::vector<closed_trade> journal_trades(const std::filesystem::path& dir) {
  std::map<std::string, std::int64_t> opened;
  std::vector<closed_trade> trades;
  auto read = storage::read_journal(dir, 0, [&](const events::event& e) -> status {
    if (std::holds_alternative<events::position_opened>(e.body)) opened[e.env.corr] = e.env.seq;
    if (std::holds_alternative<events::position_closed>(e.body))
      trades.push_back({opened[e.env.corr], e.env.seq});
    return {};
  });
  REQUIRE(read);
  return trades;
}

}  // namespace strike::test::report_command_test

using namespace strike::test;
using namespace strike::test::report_command_test;

TEST_CASE("striked report writes report.html in a backtest directory, the same bytes each time") {
  const auto& bt = backtest_dir();
  const auto first = run_striked({"report", bt.string()});
  REQUIRE(first.code == 0);
  const auto page = bt / "report.html";
  REQUIRE(std::filesystem::exists(page));
  const std::string one = file_text(page);
  const auto again = run_striked({"report", bt.string(), "--out", (bt / "again.html").string()});
  REQUIRE(again.code == 0);
  CHECK(file_text(bt / "again.html") == one);
  CHECK(one.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(one.find("<svg") != std::string::npos);
}

TEST_CASE("striked report names no URL but the SVG namespace, and no outside file") {
  const auto& bt = backtest_dir();
  REQUIRE(run_striked({"report", bt.string()}).code == 0);
  const std::string page = file_text(bt / "report.html");
  const std::string svg_ns = "http://www.w3.org/2000/svg\"";
  std::size_t urls = 0;
  for (auto at = page.find("http"); at != std::string::npos; at = page.find("http", at + 1)) {
    CHECK(page.compare(at, svg_ns.size(), svg_ns) == 0);
    ++urls;
  }
  CHECK(urls == count(page, "<svg "));
  CHECK(page.find("https:") == std::string::npos);
  CHECK(page.find("//cdn") == std::string::npos);
  CHECK(page.find(" src=") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
}

TEST_CASE("striked report shows the trade count and net P&L that striked stats reports") {
  const auto& bt = backtest_dir();
  REQUIRE(run_striked({"report", bt.string()}).code == 0);
  const std::string page = file_text(bt / "report.html");
  const auto stats = run_striked({"stats", bt.string()});
  REQUIRE(stats.code == 0);
  const std::string trades = stats_value(stats.out, "trades");
  const std::string net = stats_value(stats.out, "net P&L");
  REQUIRE_FALSE(trades.empty());
  REQUIRE_FALSE(net.empty());
  CHECK(page.find("<th>trades</th><td>" + trades + "</td>") != std::string::npos);
  CHECK(page.find("<th>net P&amp;L</th><td>" + net + "</td>") != std::string::npos);
}

TEST_CASE("striked report lists one trade row per PositionClosed with its open and close seq") {
  const auto& bt = backtest_dir();
  REQUIRE(run_striked({"report", bt.string()}).code == 0);
  const std::string page = file_text(bt / "report.html");
  const auto trades = journal_trades(bt);
  REQUIRE_FALSE(trades.empty());
  CHECK(count(page, "<tr class=\"trade\"") == trades.size());
  for (const auto& t : trades) {
    CHECK(t.open_seq > 0);
    const std::string o = std::to_string(t.open_seq), c = std::to_string(t.close_seq);
    CHECK(page.find("data-open-seq=\"" + o + "\" data-close-seq=\"" + c + "\"") !=
          std::string::npos);
    CHECK(page.find("seq " + o + " → " + c) != std::string::npos);
  }
}

TEST_CASE("a backtest's report names its configuration and lists the parameters it ran with") {
  const auto& bt = backtest_dir();
  REQUIRE(run_striked({"report", bt.string()}).code == 0);
  const std::string page = file_text(bt / "report.html");
  CHECK(page.find("<dt>mode</dt><dd>backtest</dd>") != std::string::npos);
  const std::string config = std::string(STRIKE_SOURCE_DIR) + "/config.toml";
  CHECK(page.find("<dt>config sha256</dt><dd>" + strike::core::sha256_hex(file_text(config)) +
                  "</dd>") != std::string::npos);
  CHECK(page.find(" settings of " + config + "</summary>") != std::string::npos);
  CHECK(page.find("<tr><td>exits.stop_loss_pct</td><td>") != std::string::npos);
  CHECK(page.find("<tr><td>risk.capital_rupees</td><td>") != std::string::npos);
}

TEST_CASE("striked report of a journal that does not exist exits 2 naming it") {
  temp_dir dir;
  const std::string missing = (dir / "no-such-journal").string();
  const auto r = run_striked({"report", missing});
  CHECK(r.code == 2);
  CHECK(r.err.find(missing) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "no-such-journal" / "report.html"));
}
