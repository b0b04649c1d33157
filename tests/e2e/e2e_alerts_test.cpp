// Alerts from a whole accelerated day against the simulator: every sink kind receives the start,
// the day's summary (with the report it wrote) and the stop; a receiver that always fails gets
// its losses journaled and counted in /metrics, and nothing of it slows the day down.
#include <simdjson.h>

#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/alert_receiver.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

namespace e2e_alert_cases {

std::vector<std::string> types_of(const std::vector<test::received_request>& got) {
  std::vector<std::string> out;
  simdjson::dom::parser parser;
  for (const auto& r : got) {
    simdjson::dom::element body = parser.parse(r.body);
    out.emplace_back(std::string_view(body["type"]));
  }
  return out;
}

std::string text_of(const std::vector<test::received_request>& got, const std::string& type) {
  simdjson::dom::parser parser;
  for (const auto& r : got) {
    simdjson::dom::element body = parser.parse(r.body);
    if (std::string_view(body["type"]) == type) return std::string(std::string_view(body["text"]));
  }
  return "";
}

// The value of one /metrics series line, or -1 when absent.
long long series(const std::string& metrics, const std::string& name) {
  const auto at = metrics.find(name + " ");
  return at == std::string::npos ? -1 : std::stoll(metrics.substr(at + name.size() + 1));
}

}  // namespace e2e_alert_cases

using namespace e2e_alert_cases;

TEST_CASE(
    "a day's alerts reach a webhook and a Telegram bot and a command while a dead sink's losses "
    "are "
    "journaled" *
    test::alone) {
  test::alert_receiver hook;
  test::alert_receiver dead;
  dead.always(500);
  test::alert_receiver telegram;
  test::e2e_fixture f("2026-01-07T09:10:00+05:30", 900);
  const auto lines = f.dir / "alerts.jsonl";
  f.write_config("[alerts]\nretries = 0\ntimeout_ms = 2000\n\n[[alerts.webhook]]\nurl = \"" +
                 hook.url() + "\"\n\n[[alerts.webhook]]\nurl = \"" + dead.url("/dead") +
                 "\"\n\n[[alerts.telegram]]\nbase_url = \"http://127.0.0.1:" +
                 std::to_string(telegram.port()) +
                 "\"\nbot_token = \"env:STRIKE_TEST_BOT\"\nchat_id = \"42\"\n\n[[alerts.command]]\n"
                 "argv = [\"sh\", \"-c\", \"cat >> '" +
                 lines.string() + "'\"]\n");
  auto env = test::sim_account_env;
  env.push_back("STRIKE_TEST_BOT=777:bot-secret");
  test::child_process d(test::striked,
                        {"run", "--config", f.config().string(), "--start", f.start, "--speed",
                         f.speed, "--anchor", f.anchor, "--exit-after-close"},
                        env);
  const auto port = test::status_port_of(d, 20s);
  REQUIRE(port != 0);

  // The dead receiver's first refusal is counted while the day goes on.
  REQUIRE(dead.wait_for(1, 20s).size() >= 1);
  long long failed = -1;
  for (int i = 0; i < 200 && failed < 1; ++i)
    failed = series(test::plain_request(port, "GET", "/metrics").body,
                    "strike_alerts_failed_total{sink=\"webhook[1]\"}");
  CHECK(failed >= 1);

  const auto code = d.wait_exit(180s);
  CAPTURE(d.drain_stderr());
  REQUIRE(code == 0);
  const auto events = f.journal();
  int closed = 0;
  int undelivered = 0;
  for (const auto& e : events) {
    closed += std::holds_alternative<ev::position_closed>(e.body);
    if (const auto* err = std::get_if<ev::error_raised>(&e.body)) {
      if (err->component != "alerts") continue;
      CHECK(err->code == "alert_undelivered");
      CHECK(err->message.find("webhook[1]") != std::string::npos);
      CHECK(err->message.find("answered HTTP 500") != std::string::npos);
      ++undelivered;
    }
  }
  CHECK(undelivered >= 1);
  CHECK(closed >= 1);

  const auto got = hook.received();
  const auto types = types_of(got);
  REQUIRE(types.size() >= 3);
  CHECK(types.front() == "DaemonStarted");
  CHECK(types.back() == "DaemonStopped");
  CHECK(std::count(types.begin(), types.end(), "DaySummary") == 1);
  const auto summary = text_of(got, "DaySummary");
  CHECK(summary.find("2026-01-07 closed: " + std::to_string(closed) + " trades") !=
        std::string::npos);
  const auto report = f.state() / "reports" / "2026-01-07.html";
  CHECK(summary.find("report " + report.string()) != std::string::npos);
  CHECK(test::read_text(report).starts_with("<!DOCTYPE html>"));

  // Every sink saw the same alerts: the bot its sendMessage, the command one line each.
  const auto bot = telegram.received();
  CHECK(bot.size() == got.size());
  for (const auto& r : bot) CHECK(r.target == "/bot777:bot-secret/sendMessage");
  const auto text = test::read_text(lines);
  CHECK(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) == got.size());
  // The bot's token is a secret: not in the journal, not in the log.
  CHECK(test::read_text(f.state() / "events.jsonl").find("bot-secret") == std::string::npos);
  CHECK(d.drain_stderr().find("bot-secret") == std::string::npos);
}
