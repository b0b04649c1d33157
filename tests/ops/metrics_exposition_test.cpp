// What /metrics serves is valid Prometheus text, line by line, for a state with something in
// every series; and the strict reader used to check it does refuse broken text.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/ops/prometheus_text.hpp"
#include "tests/ops/sample_state.hpp"

using namespace strike;
namespace prom = strike::test::prometheus;

namespace {

const prom::family& find(const std::vector<prom::family>& all, const std::string& name) {
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& f) { return f.name == name; });
  REQUIRE_MESSAGE(it != all.end(), "no family " << name);
  return *it;
}

double value_of(const prom::family& f, const std::string& name,
                const std::map<std::string, std::string>& labels = {}) {
  for (const auto& s : f.samples)
    if (s.name == name && s.labels == labels) return s.value;
  FAIL("no sample " << name);
  return 0;
}

std::string refusal(const std::string& text) {
  try {
    prom::parse(text);
  } catch (const prom::format_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("render_metrics is valid Prometheus text with every family, series and histogram whole") {
  const test::sample_daemon d;
  const std::string text = d.render();
  std::vector<prom::family> families;
  REQUIRE_NOTHROW_MESSAGE(families = prom::parse(text), text);

  for (const char* name :
       {"strike_ready", "strike_journal_seq", "strike_events_total", "strike_journal_sync_seconds",
        "strike_tick_to_intent_seconds", "strike_order_round_trip_seconds", "strike_open_positions",
        "strike_realized_pnl_paise", "strike_unrealized_pnl_paise", "strike_halted",
        "strike_feed_reconnects_total", "strike_ticks_total", "strike_memory_locked"})
    CHECK_MESSAGE(std::any_of(families.begin(), families.end(),
                              [&](const auto& f) { return f.name == name; }),
                  name);

  CHECK(value_of(find(families, "strike_ready"), "strike_ready") == 1);
  CHECK(value_of(find(families, "strike_memory_locked"), "strike_memory_locked") == 1);
  CHECK(value_of(find(families, "strike_journal_seq"), "strike_journal_seq") ==
        static_cast<double>(d.state.last_seq));
  CHECK(value_of(find(families, "strike_open_positions"), "strike_open_positions") >= 1);
  CHECK(value_of(find(families, "strike_unrealized_pnl_paise"), "strike_unrealized_pnl_paise") ==
        -12'345);
  CHECK(value_of(find(families, "strike_feed_reconnects_total"), "strike_feed_reconnects_total",
                 {{"feed", "orders"}}) == 1);

  // One series per event type seen, matching the fold's counts.
  const auto& by_type = find(families, "strike_events_total");
  double total = 0;
  for (const auto& s : by_type.samples) total += s.value;
  CHECK(total == static_cast<double>(d.state.last_seq));
  CHECK(value_of(by_type, "strike_events_total", {{"type", "EntryFiltered"}}) > 0);

  // Observations past the last bound land only in +Inf; _count counts them all.
  const auto& sync = find(families, "strike_journal_sync_seconds");
  CHECK(sync.type == "histogram");
  CHECK(value_of(sync, "strike_journal_sync_seconds_count") == 22);
  CHECK(value_of(sync, "strike_journal_sync_seconds_bucket", {{"le", "10"}}) < 22);
  CHECK(value_of(sync, "strike_journal_sync_seconds_bucket", {{"le", "+Inf"}}) == 22);
  CHECK(value_of(sync, "strike_journal_sync_seconds_sum") > 10);
}

TEST_CASE("an empty daemon's metrics are valid too") {
  const core::state state;
  const core::bus_stats bus;
  const daemon::metrics m;
  const std::string text = daemon::render_metrics(m, {state, bus, {}, 0, false});
  REQUIRE_NOTHROW_MESSAGE(prom::parse(text), text);
}

TEST_CASE("the strict reader refuses broken exposition text") {
  const std::string ok = "# HELP a_total A.\n# TYPE a_total counter\na_total{x=\"1\"} 3\n";
  REQUIRE(refusal(ok).empty());
  CHECK(refusal("# HELP a_total A.\n# TYPE a_total counter\na_total 3").find("newline") !=
        std::string::npos);
  CHECK(refusal("a_total 3\n").find("before its family") != std::string::npos);
  CHECK(refusal("# HELP 1a A.\n").find("bad metric name") != std::string::npos);
  CHECK(refusal("# HELP a A.\n# TYPE a gauge\na{1x=\"1\"} 3\n").find("bad label name") !=
        std::string::npos);
  CHECK(refusal("# HELP a A.\n# TYPE a gauge\na{x=1} 3\n").find("not quoted") != std::string::npos);
  CHECK(refusal("# HELP a A.\n# TYPE a gauge\na{x=\"a\\q\"} 3\n").find("bad escape") !=
        std::string::npos);
  CHECK(refusal("# HELP a A.\n# TYPE a gauge\na{x=\"1\",x=\"2\"} 3\n").find("repeated") !=
        std::string::npos);
  CHECK(refusal("# HELP a A.\n# TYPE a gauge\na three\n").find("bad value") != std::string::npos);
  CHECK(refusal("# HELP a A.\n# TYPE a gauge\na 1\na 2\n").find("repeated series") !=
        std::string::npos);
  CHECK(refusal("# HELP a A.\n# TYPE a gauge\nb 1\n").find("outside its family") !=
        std::string::npos);
  CHECK(refusal("# HELP a A.\n# TYPE a counter\n").find("_total") != std::string::npos);
  CHECK(refusal("# HELP a A.\n# TYPE a gauge\n\na 1\n").find("blank") != std::string::npos);
  CHECK(refusal("# HELP a_total A.\n# TYPE a_total counter\na_total -1\n").find("whole number") !=
        std::string::npos);

  const std::string head = "# HELP h H.\n# TYPE h histogram\n";
  const std::string whole =
      head + "h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3.5\nh_count 2\n";
  REQUIRE(refusal(whole).empty());
  CHECK(refusal(head + "h_bucket{le=\"1\"} 1\nh_bucket{le=\"2\"} 2\nh_sum 3\nh_count 2\n")
            .find("+Inf") != std::string::npos);
  CHECK(refusal(head + "h_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 3\nh_count 1\n")
            .find("cumulative") != std::string::npos);
  CHECK(refusal(head + "h_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum "
                       "3\nh_count 1\n")
            .find("not increasing") != std::string::npos);
  CHECK(refusal(head + "h_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 3\n").find("differs") !=
        std::string::npos);
  CHECK(refusal(head + "h_bucket{le=\"+Inf\"} 2\nh_sum 3\n").find("no _sum or no _count") !=
        std::string::npos);
  CHECK(refusal(head + "h_bucket{le=\"+Inf\"} 2\nh_count 2\n").find("_count before _sum") !=
        std::string::npos);
  CHECK(refusal(head + "h_bucket 2\nh_sum 3\nh_count 2\n").find("without le") != std::string::npos);
}
