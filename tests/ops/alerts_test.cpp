// Which events raise an alert, what it says, and the gate between them and the sinks: one alert
// per key per window however often an event repeats, a rate limit that never holds back a
// critical alert, and the [alerts] section refusing what it cannot use.
#include <doctest/doctest.h>

#include <fstream>

#include "daemon/alerts/alert_gate.hpp"
#include "daemon/alerts/alert_rules.hpp"
#include "daemon/config.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
namespace ev = strike::events;

namespace alert_rule_cases {

constexpr std::int64_t second = 1'000'000'000;

ev::event at(std::int64_t seq, std::int64_t ts, ev::payload body) {
  ev::event e;
  e.env.seq = seq;
  e.env.ts = ts;
  e.body = std::move(body);
  return e;
}

daemon::alert alert_of(std::string key, std::int64_t ts,
                       daemon::alert_severity s = daemon::alert_severity::warning) {
  daemon::alert a;
  a.type = "FeedStale";
  a.key = std::move(key);
  a.ts = ts;
  a.severity = s;
  return a;
}

std::string config_error(const std::string& alerts) {
  test::temp_dir dir;
  const auto p = dir / "config.toml";
  std::ofstream(p) << alerts;
  auto c = daemon::load_config(p);
  return c ? std::string() : c.error().message;
}

}  // namespace alert_rule_cases

using namespace alert_rule_cases;
using verdict = daemon::alert_gate::verdict;

TEST_CASE("a flapping feed sends one alert per window, and the next one counts the rest") {
  daemon::alert_gate gate(300 * second, 1000);
  const std::int64_t t0 = 1'767'000'000 * second;
  auto first = alert_of("FeedStale stream", t0);
  CHECK(gate.admit(first) == verdict::send);
  CHECK(first.duplicates == 0);
  for (std::int64_t i = 1; i <= 999; ++i) {
    auto again = alert_of("FeedStale stream", t0 + i * 200'000'000);
    CHECK(gate.admit(again) == verdict::duplicate);
  }
  // Another key is not a duplicate of it.
  auto other = alert_of("FeedStale orders", t0 + 10 * second);
  CHECK(gate.admit(other) == verdict::send);
  auto later = alert_of("FeedStale stream", t0 + 300 * second);
  CHECK(gate.admit(later) == verdict::send);
  CHECK(later.duplicates == 999);
  CHECK(gate.duplicates() == 999);
  auto after = alert_of("FeedStale stream", t0 + 301 * second);
  CHECK(gate.admit(after) == verdict::duplicate);
}

TEST_CASE("the rate limit holds back ordinary alerts, never critical ones, and refills") {
  daemon::alert_gate gate(0, 3);  // no de-duplication: every key distinct anyway
  const std::int64_t t0 = 1'767'000'000 * second;
  for (int i = 0; i < 3; ++i) {
    auto a = alert_of("k" + std::to_string(i), t0);
    CHECK(gate.admit(a) == verdict::send);
  }
  auto fourth = alert_of("k3", t0 + second);
  CHECK(gate.admit(fourth) == verdict::rate_limited);
  auto fifth = alert_of("k4", t0 + second);
  CHECK(gate.admit(fifth) == verdict::rate_limited);
  auto critical = alert_of("halt", t0 + second, daemon::alert_severity::critical);
  CHECK(gate.admit(critical) == verdict::send);
  CHECK(critical.rate_limited == 2);
  CHECK(gate.rate_limited() == 2);
  // Three a minute: one token back after 20 s.
  auto early = alert_of("k5", t0 + 15 * second);
  CHECK(gate.admit(early) == verdict::rate_limited);
  auto refilled = alert_of("k6", t0 + 21 * second);
  CHECK(gate.admit(refilled) == verdict::send);
  CHECK(refilled.rate_limited == 1);
}

TEST_CASE("only the listed event types raise alerts, each saying what happened") {
  daemon::alert_rules rules(daemon::alerts_section{}.events, "paper");
  auto halted = rules.alert_for(at(7, 100, ev::trading_halted{"daily_loss", "day", true, ""}));
  REQUIRE(halted);
  CHECK(halted->type == "TradingHalted");
  CHECK(halted->severity == daemon::alert_severity::critical);
  CHECK(halted->text == "Strike (paper): trading halted: daily_loss (day), flattening");
  CHECK(halted->seq == 7);
  CHECK(halted->event_json.find("\"seq\":7") != std::string::npos);

  auto stale = rules.alert_for(at(8, 200, ev::feed_stale{"stream", 12 * second}));
  REQUIRE(stale);
  CHECK(stale->key == "FeedStale stream");
  CHECK(stale->text == "Strike (paper): feed stream silent for 12 s");

  // A flatten that ended flat is the normal end of a day; one that did not is critical.
  CHECK_FALSE(rules.alert_for(at(9, 300, ev::flatten_completed{"shutdown", 1, 0, true, 0})));
  auto not_flat = rules.alert_for(at(10, 300, ev::flatten_completed{"shutdown", 0, 0, false, 0}));
  REQUIRE(not_flat);
  CHECK(not_flat->severity == daemon::alert_severity::critical);

  // The alert sinks' own failures are journaled as errors but would feed on themselves.
  CHECK_FALSE(rules.alert_for(at(11, 400, ev::error_raised{"alerts", "alert_undelivered", "x"})));
  CHECK(rules.alert_for(at(12, 400, ev::error_raised{"disk", "low_space", "x"})));
  // Not in the default list.
  CHECK_FALSE(rules.alert_for(at(13, 500, ev::order_filled{})));

  daemon::alert_rules fills({"OrderFilled"}, "live");
  auto filled = fills.alert_for(at(14, 500, ev::order_filled{}));
  REQUIRE(filled);
  CHECK(filled->text.starts_with("Strike (live): OrderFilled {"));
}

TEST_CASE("[alerts] refuses what it cannot use, naming the key") {
  CHECK(config_error("[alerts]\nevents = [\"TradingHalted\"]\n").empty());
  const auto unknown = config_error("[alerts]\nevents = [\"TradingHalt\"]\n");
  CHECK(unknown.find("config.toml:2:") != std::string::npos);
  CHECK(unknown.find("'TradingHalt' is not an event type") != std::string::npos);
  CHECK(
      config_error("[[alerts.webhook]]\nurl = \"ftp://x\"\n").find("not an http:// or https://") !=
      std::string::npos);
  CHECK(config_error("[[alerts.telegram]]\nbot_token = \"123:ABC\"\nchat_id = \"1\"\n")
            .find("bot_token") != std::string::npos);
  CHECK(config_error("[[alerts.telegram]]\nbot_token = \"env:TG\"\n").find("chat_id") !=
        std::string::npos);
  CHECK(config_error("[[alerts.command]]\nargv = []\n").find("argv") != std::string::npos);
  CHECK(config_error("[alerts]\nqueue = 0\n").find("queue") != std::string::npos);
}
