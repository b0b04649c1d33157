// Decision replay's comparison: what must agree, what may differ, and where the first
// divergence is.
#include <doctest/doctest.h>

#include "core/clock.hpp"
#include "core/report/decision_compare.hpp"

using namespace strike;
namespace ev = strike::events;
using core::report::compare_decisions;
using core::report::decision_log;

namespace {

const core::civil_date day{2026, 1, 7};

std::int64_t at(int hh, int mm, int ss = 0) {
  return core::ist_time_ns(day, hh * 60 + mm) + ss * core::ns_per_s;
}

ev::event make(std::int64_t ts, ev::payload body) {
  ev::event e;
  e.env.ts = ts;
  e.body = std::move(body);
  return e;
}

ev::event filtered(std::int64_t ts, const std::string& filter, double value) {
  return make(ts, ev::entry_filtered{"trend", "NSE:99926000", filter, value, 15, "detail"});
}

ev::event intent(std::int64_t ts, const std::string& instrument, std::int64_t qty,
                 std::int64_t ref_price) {
  ev::order_intent i;
  i.order = "o1";
  i.strategy = "trend";
  i.instrument = instrument;
  i.qty = qty;
  i.ref_price_paise = ref_price;
  return make(ts, i);
}

ev::event exit_at(std::int64_t ts, const std::string& reason, std::int64_t price) {
  return make(ts, ev::position_exit_triggered{"NFO:40033", reason, price, 130});
}

// One journal's worth: a filter at 10:00, an entry at 10:05, its exit, a cool-down at 10:15.
std::vector<ev::event> day_of(std::int64_t bar_lag_s, std::int64_t exit_at_s, double measured,
                              std::int64_t ref_price) {
  return {filtered(at(10, 0, static_cast<int>(bar_lag_s)), "rsi_band", measured),
          intent(at(10, 5, static_cast<int>(bar_lag_s)), "NFO:40033", 130, ref_price),
          exit_at(at(10, 6) + exit_at_s * core::ns_per_s, "trailing_stop", ref_price + 200),
          filtered(at(10, 15, static_cast<int>(bar_lag_s)), "cooldown", measured)};
}

decision_log log_of(const std::vector<ev::event>& events) {
  decision_log log(day, day);
  for (const auto& e : events) log.add(e);
  return log;
}

}  // namespace

TEST_CASE("decisions agree across bar-close delays, prices, measured values and exit seconds") {
  // Live: bars close a second late, the exit came 50 s later, prices and values differ.
  const auto live = log_of(day_of(1, 50, 71.2, 19530));
  const auto back = log_of(day_of(0, 0, 71.9, 18785));
  const auto c = compare_decisions(live, back, 120 * core::ns_per_s);
  CHECK_FALSE(c.first.has_value());
  CHECK(c.filters.matched == 2);
  CHECK(c.intents.matched == 1);
  CHECK(c.exits.matched == 1);
  CHECK(c.largest_exit_lag_ns == 50 * core::ns_per_s);
  CHECK(core::report::describe(c).find("the decisions agree") != std::string::npos);
}

TEST_CASE("the first divergence names the minute and both events") {
  auto live_events = day_of(0, 0, 71.2, 19530);
  auto back_events = day_of(0, 0, 71.2, 19530);
  // The backtest chose another contract at 10:05.
  back_events[1] = intent(at(10, 5), "NFO:40035", 130, 19530);
  const auto c = compare_decisions(log_of(live_events), log_of(back_events), 120 * core::ns_per_s);
  REQUIRE(c.first.has_value());
  CHECK(c.first->ts_ns == at(10, 5));
  REQUIRE(c.first->live.has_value());
  REQUIRE(c.first->backtest.has_value());
  CHECK(c.first->live->line.find("NFO:40033") != std::string::npos);
  CHECK(c.first->backtest->line.find("NFO:40035") != std::string::npos);
  CHECK(c.intents.matched == 0);
  CHECK(c.filters.matched == 2);  // the others still agree, and are counted
  const auto text = core::report::describe(c);
  CHECK(text.find("first divergence at 2026-01-07T10:05:00") != std::string::npos);
}

TEST_CASE(
    "an exit beyond the tolerance, or for another reason, diverges, and so does a missing one") {
  const auto live = log_of(day_of(0, 0, 1, 100));
  CHECK(compare_decisions(live, log_of(day_of(0, 121, 1, 100)), 120 * core::ns_per_s).first);
  CHECK_FALSE(compare_decisions(live, log_of(day_of(0, 120, 1, 100)), 120 * core::ns_per_s).first);
  auto other = day_of(0, 0, 1, 100);
  other[2] = exit_at(at(10, 6), "stop_loss", 100);
  const auto c = compare_decisions(live, log_of(other), 120 * core::ns_per_s);
  REQUIRE(c.first.has_value());
  CHECK(c.first->ts_ns == at(10, 6));
  // A decision only one journal made: the other side is empty.
  auto shorter = day_of(0, 0, 1, 100);
  shorter.pop_back();
  const auto d = compare_decisions(live, log_of(shorter), 120 * core::ns_per_s);
  REQUIRE(d.first.has_value());
  CHECK(d.first->ts_ns == at(10, 15));
  CHECK(d.first->live.has_value());
  CHECK_FALSE(d.first->backtest.has_value());
  CHECK(core::report::describe(d).find("backtest: (nothing)") != std::string::npos);
}

TEST_CASE("only the compared days count, and exit orders are not decisions") {
  decision_log log(day, day);
  log.add(filtered(at(10, 0) - core::ns_per_day, "rsi_band", 1));  // the day before
  ev::order_intent exit_order;
  exit_order.purpose = ev::purpose::exit;
  log.add(make(at(11, 0), exit_order));
  CHECK(log.on_bars().empty());
  CHECK(log.exits().empty());
}

TEST_CASE("a live run that began deciding later is compared from its first decision") {
  auto live_events = day_of(0, 0, 1, 100);
  live_events.erase(live_events.begin());  // the daemon was still starting at 10:00
  const auto c =
      compare_decisions(log_of(live_events), log_of(day_of(0, 0, 1, 100)), 120 * core::ns_per_s);
  CHECK_FALSE(c.first.has_value());
  CHECK(c.from_ns == at(10, 5));
  CHECK(c.filters.backtest == 1);
  CHECK(core::report::describe(c).find("compared from 2026-01-07T10:05:00") != std::string::npos);
}

TEST_CASE("a decision on a bar released late is compared with the backtest's on that bar") {
  // Live held 10:00 to 10:05 for a repair of its last minute and decided on it at 10:06:30; the
  // backtest decided on the same bar at its close.
  const auto bar_at = [](std::int64_t seq, std::int64_t ts) {
    auto e = make(ts, ev::bar_closed{"NSE:99926000", ev::timeframe::m5, at(10, 0)});
    e.env.seq = seq;
    return e;
  };
  const auto on_bar = [](ev::event e, std::int64_t seq, std::int64_t cause) {
    e.env.seq = seq;
    e.env.cause = cause;
    return e;
  };
  const auto late = at(10, 6, 30);
  std::vector<ev::event> live{bar_at(40, late), on_bar(filtered(late, "rsi_band", 1), 41, 40)};
  const std::vector<ev::event> back{bar_at(12, at(10, 5)),
                                    on_bar(filtered(at(10, 5), "rsi_band", 1), 13, 12)};
  const auto c = compare_decisions(log_of(live), log_of(back), 120 * core::ns_per_s);
  CHECK_FALSE(c.first.has_value());
  CHECK(c.filters.matched == 1);
  CHECK(c.from_ns == at(10, 5));
  // Without the bar it names, the decision is taken at the minute it was made: another minute.
  live[1].env.cause = 0;
  const auto d = compare_decisions(log_of(live), log_of(back), 120 * core::ns_per_s);
  REQUIRE(d.first.has_value());
  CHECK(d.filters.matched == 0);
  // A bar shorter than its timeframe (the day's last hour) closes no later than the decision.
  decision_log last_hour(day, day);
  auto hour = make(at(15, 30), ev::bar_closed{"NSE:99926000", ev::timeframe::h1, at(15, 15)});
  hour.env.seq = 7;
  last_hour.add(hour);
  last_hour.add(on_bar(filtered(at(15, 30), "entry_window", 0), 8, 7));
  REQUIRE(last_hour.on_bars().size() == 1);
  CHECK(last_hour.on_bars()[0].bar_ns == at(15, 30));
}
