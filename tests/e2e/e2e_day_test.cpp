// Whole trading days against the simulator, as separate processes.
#include <doctest/doctest.h>

#include <set>

#include "tests/e2e/e2e_books.hpp"
#include "tests/ops/prometheus_text.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

TEST_CASE("a whole accelerated day trades then exits at the end of the day and stops cleanly" *
          test::alone) {
  test::e2e_fixture f("2026-01-07T09:10:00+05:30", 900);
  auto d = f.daemon({"--exit-after-close"});
  const auto code = d->wait_exit(180s);
  CAPTURE(d->drain_stderr());
  REQUIRE(code == 0);
  INFO(test::journal_summary(f));
  const auto events = f.journal();
  std::map<std::string, int> count;
  for (const auto& e : events) ++count[std::string(e.type_name())];
  CHECK(count["SessionOpened"] == 1);
  CHECK(count["SelfTestCompleted"] >= 1);
  // At start-up, then while trading (the pre-open re-login, the order feed's reconnects, the
  // interval); none of them may find a difference on a day nobody else traded.
  CHECK(count["ReconciliationCompleted"] >= 1);
  CHECK(count["ReconciliationDiscrepancy"] == 0);
  CHECK(count["EndOfDayExit"] == 1);
  CHECK(count["SessionClosed"] == 1);
  CHECK(count["BarClosed"] > 300);
  CHECK(count["PositionClosed"] >= 1);
  CHECK(count["PositionOpened"] == count["PositionClosed"]);
  const auto& last = std::get<ev::daemon_stopped>(events.back().body);
  CHECK(last.clean);
  test::check_flat_run(f);
  auto [vcode, verify] =
      test::run_to_exit(test::striked, {"journal", "verify", f.state().string()});
  CHECK(vcode == 0);
}

TEST_CASE("SIGTERM with a position open ends flat at the simulator, exit code 0") {
  test::e2e_fixture f("2026-01-07T11:00:00+05:30", 300);
  auto d = f.daemon();
  const auto port = test::status_port_of(*d);
  REQUIRE(port != 0);
  REQUIRE(f.wait_for_event("PositionOpened", 120s));

  // Mid-position, /metrics as Prometheus scrapes it and /healthz as a load balancer sees it.
  const auto metrics = test::plain_request(port, "GET", "/metrics");
  REQUIRE(metrics.status == 200);
  std::map<std::string, double> value;
  for (const auto& family : test::prometheus::parse(metrics.body))
    for (const auto& s : family.samples)
      if (s.labels.empty() || s.labels.count("le") == 0) value[s.name] += s.value;
  CHECK(value["strike_ready"] == 1);
  CHECK(value["strike_ticks_total"] > 0);
  CHECK(value["strike_order_round_trip_seconds_count"] >= 1);
  CHECK(value["strike_order_journal_wait_seconds_count"] >= 1);
  CHECK(value["strike_tick_to_intent_seconds_count"] >= 1);
  CHECK(value["strike_journal_sync_seconds_count"] >= 1);
  CHECK(value["strike_events_total"] > 20);
  const auto health = test::plain_request(port, "GET", "/healthz");
  CHECK(health.status == 200);
  CHECK(health.body.find("\"ready\":true") != std::string::npos);

  d->signal(SIGTERM);
  CHECK(d->wait_exit(60s) == 0);
  const auto events = f.journal();
  bool requested = false, flat = false;
  for (const auto& e : events) {
    if (const auto* s = std::get_if<ev::shutdown_requested>(&e.body))
      requested = s->source == "SIGTERM";
    if (const auto* c = std::get_if<ev::flatten_completed>(&e.body); c && requested) flat = c->flat;
  }
  CHECK(requested);
  CHECK(flat);
  CHECK(std::get<ev::daemon_stopped>(events.back().body).clean);
  CHECK(f.replayed().positions.empty());
  test::check_agreement(f);
  for (const auto& [token, qty] : test::books_of(f).net_by_token) CHECK(qty == 0);
}

TEST_CASE("a daemon started mid-session passes its self-test as soon as its market feed connects") {
  // The session is open before the start-up finishes, so the first self-test can run before the
  // feed is connected; it must run again when the feed connects, not a 30 s retry later (at 300x
  // that is two and a half hours of the day without trading).
  test::e2e_fixture f("2026-01-07T10:00:00+05:30", 300);
  // The market feed's first connections are dropped: the first self-test finds it down.
  REQUIRE(f.admin("POST", "/admin/faults", R"({"ws_drop_next":2,"ws_feeds":["market"]})").status ==
          200);
  auto d = f.daemon();
  test::child_process tail(test::striked, {"journal", "tail", f.state().string(), "-f", "--type",
                                           "SelfTestCompleted", "-n", "1000000"});
  bool passed = false;
  const auto deadline = std::chrono::steady_clock::now() + 15s;
  while (!passed) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    const auto line = tail.read_stdout_line(left);
    if (!line) break;
    passed = line->find("\"passed\":true") != std::string::npos;
  }
  INFO(test::journal_summary(f));
  CHECK(passed);
  d->signal(SIGTERM);
  CHECK(d->wait_exit(60s) == 0);
}
