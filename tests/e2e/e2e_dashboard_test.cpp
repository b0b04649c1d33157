// The dashboard's state during an accelerated paper day against the simulator: each open
// position valued at a market mark, the values summing to the unrealised total.
#include <doctest/doctest.h>

#include <thread>

#include "tests/e2e/e2e_fixture.hpp"

using namespace strike;
using namespace std::chrono_literals;

namespace e2e_dashboard_cases {

// The fixture's config, trading on paper: fills come from the simulator's market data.
void paper_mode(test::e2e_fixture& f) {
  std::string text = test::read_text(f.config());
  const std::string live = "mode = \"live\"";
  const auto at = text.find(live);
  REQUIRE(at != std::string::npos);
  text.replace(at, live.size(), "mode = \"paper\"");
  std::ofstream(f.config()) << text;
}

}  // namespace e2e_dashboard_cases

TEST_CASE(
    "while positions are open the dashboard shows each at a market mark, summing to the "
    "unrealised total") {
  test::e2e_fixture f("2026-01-07T11:00:00+05:30", 300);
  e2e_dashboard_cases::paper_mode(f);
  auto d = f.daemon();
  const auto port = test::status_port_of(*d);
  REQUIRE(port != 0);
  REQUIRE(f.wait_for_event("PositionOpened", 120s));

  // A position may close at any moment at 300x: the state is read until some show one open.
  int seen = 0;
  simdjson::dom::parser parser;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (seen < 5 && std::chrono::steady_clock::now() < deadline) {
    const auto reply = test::plain_request(port, "GET", "/api/state");
    REQUIRE(reply.status == 200);
    simdjson::dom::element s = parser.parse(reply.body);
    simdjson::dom::array positions = s["positions"];
    std::int64_t sum = 0;
    for (simdjson::dom::element p : positions) {
      const std::string instrument{std::string_view(p["instrument"])};
      CAPTURE(instrument);
      const std::int64_t qty = p["qty"];
      CHECK(qty != 0);
      CHECK(int64_t(s["state"]["positions"][instrument]["qty"]) == qty);
      CHECK(int64_t(p["avg_paise"]) ==
            int64_t(s["state"]["positions"][instrument]["cost_paise"]) / qty);
      CHECK(!std::string_view(p["symbol"]).empty());
      // Entries are priced from a quote, so an open position always has one.
      CHECK(int64_t(p["mark_paise"]) > 0);
      CHECK(int64_t(p["mark_ns"]) > 0);
      const std::int64_t pnl = p["unrealized_paise"];
      CHECK(pnl == qty * int64_t(p["mark_paise"]) -
                       int64_t(s["state"]["positions"][instrument]["cost_paise"]));
      sum += pnl;
    }
    CHECK(sum == int64_t(s["unrealized_paise"]));
    if (positions.size() > 0) ++seen;
    std::this_thread::sleep_for(100ms);  // the next poll, as the page's refresh does
  }
  CHECK(seen >= 1);

  d->signal(SIGTERM);
  CHECK(d->wait_exit(60s) == 0);
}
