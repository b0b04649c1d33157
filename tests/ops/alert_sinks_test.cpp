// Delivering alerts to real receivers on 127.0.0.1: a webhook over HTTP and HTTPS, a Telegram
// bot's sendMessage, and a command; retries with backoff, refusals, a full queue and a hung
// command, each reported for the daemon to journal.
#include <doctest/doctest.h>
#include <simdjson.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

#include "brokers/http/tls_context.hpp"
#include "daemon/alerts/alert_sinks.hpp"
#include "daemon/alerts/sink_worker.hpp"
#include "tests/support/alert_receiver.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace std::chrono_literals;

namespace alert_sink_cases {

constexpr std::int64_t timeout_ns = 5'000'000'000;

daemon::alert sample(std::int64_t seq = 42) {
  daemon::alert a;
  a.type = "TradingHalted";
  a.key = "TradingHalted daily_loss";
  a.severity = daemon::alert_severity::critical;
  a.text = "Strike (paper): trading halted: daily_loss (day)";
  a.seq = seq;
  a.ts = 1'767'000'000'000'000'000;
  a.event_json = R"({"seq":42,"type":"TradingHalted"})";
  return a;
}

std::unique_ptr<daemon::alert_sink> webhook(const std::string& url) {
  auto sink = daemon::make_webhook_sink({url, std::nullopt}, nullptr, timeout_ns);
  REQUIRE(sink.ok());
  return std::move(*sink);
}

struct lost_log {
  std::mutex mu;
  std::vector<std::string> why;
  daemon::sink_worker::lost_fn fn() {
    return [this](const daemon::alert&, const std::string& w) {
      std::lock_guard lock(mu);
      why.push_back(w);
    };
  }
};

daemon::sink_worker_options quick(std::int64_t retries) {
  daemon::sink_worker_options o;
  o.name = "webhook[0]";
  o.retries = retries;
  o.first_retry_ns = 20'000'000;
  return o;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace alert_sink_cases

using namespace alert_sink_cases;

TEST_CASE(
    "a webhook receives the alert as JSON, and a failing receiver is retried until it takes it") {
  test::alert_receiver receiver;
  receiver.push({503, "busy"});
  receiver.push({429, "slow down"});
  lost_log lost;
  daemon::sink_worker worker(webhook(receiver.url()), quick(3), lost.fn());
  worker.push(sample());
  const auto got = receiver.wait_for(3, 10s);
  worker.close(std::chrono::steady_clock::now() + 5s);
  REQUIRE(got.size() == 3);
  CHECK(got[0].target == "/alerts");
  CHECK(got[0].body == got[2].body);
  simdjson::dom::parser parser;
  simdjson::dom::element body = parser.parse(got[2].body);
  CHECK(std::string_view(body["type"]) == "TradingHalted");
  CHECK(std::string_view(body["severity"]) == "critical");
  CHECK(int64_t(body["seq"]) == 42);
  CHECK(int64_t(body["event"]["seq"]) == 42);
  CHECK(worker.sent() == 1);
  CHECK(worker.failed() == 0);
  CHECK(lost.why.empty());
}

TEST_CASE("a refused alert is not retried, and one out of retries is reported lost") {
  test::alert_receiver receiver;
  receiver.push({400, "bad"});
  lost_log lost;
  {
    daemon::sink_worker worker(webhook(receiver.url()), quick(3), lost.fn());
    worker.push(sample(1));
    REQUIRE(receiver.wait_for(1, 10s).size() == 1);  // answered from the queue: 400
    receiver.always(500);
    worker.push(sample(2));
    worker.close(std::chrono::steady_clock::now() + 5s);
    CHECK(worker.failed() == 2);
    CHECK(worker.sent() == 0);
  }
  // One try for the 400, four (1 + 3 retries) for the 500s.
  CHECK(receiver.received().size() == 5);
  REQUIRE(lost.why.size() == 2);
  CHECK(lost.why[0] ==
        "webhook[0]: 127.0.0.1:" + std::to_string(receiver.port()) + " answered HTTP 400");
  CHECK(lost.why[1].find("answered HTTP 500") != std::string::npos);
}

TEST_CASE("a webhook nobody listens on fails as lost, with the host in the reason") {
  std::uint16_t dead_port = 0;
  {
    test::alert_receiver gone;
    dead_port = gone.port();
  }
  lost_log lost;
  daemon::sink_worker worker(webhook("http://127.0.0.1:" + std::to_string(dead_port) + "/x"),
                             quick(1), lost.fn());
  worker.push(sample());
  worker.close(std::chrono::steady_clock::now() + 5s);
  REQUIRE(lost.why.size() == 1);
  CHECK(lost.why[0].starts_with("webhook[0]: 127.0.0.1:" + std::to_string(dead_port) + ": "));
}

TEST_CASE("an https webhook is verified against ca_file, and refused without it") {
  test::alert_receiver receiver(true);
  test::temp_dir dir;
  std::ofstream(dir / "ca.pem") << receiver.certificate_pem();
  auto trusted = brokers::http::make_tls_context(dir / "ca.pem");
  REQUIRE(trusted.ok());
  auto sink = daemon::make_webhook_sink({receiver.url(), std::nullopt}, *trusted, timeout_ns);
  REQUIRE(sink.ok());
  CHECK((*sink)->deliver(sample()).delivered);
  REQUIRE(receiver.received().size() == 1);

  auto system_roots = brokers::http::make_tls_context("");
  REQUIRE(system_roots.ok());
  auto untrusted =
      daemon::make_webhook_sink({receiver.url(), std::nullopt}, *system_roots, timeout_ns);
  REQUIRE(untrusted.ok());
  const auto outcome = (*untrusted)->deliver(sample());
  CHECK_FALSE(outcome.delivered);
  CHECK(receiver.received().size() == 1);
}

TEST_CASE("a webhook's bearer token comes from its secret source") {
  test::alert_receiver receiver;
  ::setenv("STRIKE_TEST_HOOK_TOKEN", "hook-secret-1", 1);
  daemon::webhook_sink cfg{receiver.url(), daemon::secret_source{daemon::secret_source::kind::env,
                                                                 "STRIKE_TEST_HOOK_TOKEN"}};
  auto sink = daemon::make_webhook_sink(cfg, nullptr, timeout_ns);
  REQUIRE(sink.ok());
  CHECK((*sink)->deliver(sample()).delivered);
  CHECK(receiver.received().at(0).authorization == "Bearer hook-secret-1");
  ::unsetenv("STRIKE_TEST_HOOK_TOKEN");
  CHECK_FALSE(daemon::make_webhook_sink(cfg, nullptr, timeout_ns).ok());
}

TEST_CASE("a Telegram bot gets sendMessage with the chat and the text, never showing its token") {
  test::alert_receiver receiver;
  ::setenv("STRIKE_TEST_TG_TOKEN", "123456:SECRET-bot-token", 1);
  daemon::telegram_sink cfg;
  cfg.base_url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/";
  cfg.bot_token = {daemon::secret_source::kind::env, "STRIKE_TEST_TG_TOKEN"};
  cfg.chat_id = "-100200300";
  auto sink = daemon::make_telegram_sink(cfg, nullptr, timeout_ns);
  REQUIRE(sink.ok());
  auto a = sample();
  a.duplicates = 4;
  CHECK((*sink)->deliver(a).delivered);
  const auto got = receiver.received();
  REQUIRE(got.size() == 1);
  CHECK(got[0].target == "/bot123456:SECRET-bot-token/sendMessage");
  simdjson::dom::parser parser;
  simdjson::dom::element body = parser.parse(got[0].body);
  CHECK(std::string_view(body["chat_id"]) == "-100200300");
  CHECK(std::string_view(body["text"]) ==
        "Strike (paper): trading halted: daily_loss (day) (and 4 more like it since the last "
        "message)");

  receiver.push({429, R"({"ok":false,"parameters":{"retry_after":7}})"});
  const auto slow = (*sink)->deliver(a);
  CHECK(slow.retry);
  CHECK(slow.retry_after_ns == 7'000'000'000);
  receiver.push({401, R"({"ok":false})"});
  const auto refused = (*sink)->deliver(a);
  CHECK_FALSE(refused.retry);
  CHECK(refused.error.find("SECRET") == std::string::npos);
  CHECK(refused.error.find("401") != std::string::npos);
  ::unsetenv("STRIKE_TEST_TG_TOKEN");
}

TEST_CASE(
    "a command gets the alert on its input and in its environment, and a hung one is killed") {
  test::temp_dir dir;
  const auto out = dir / "alert.json";
  const auto text = dir / "text.txt";
  auto ok = daemon::make_command_sink(
      {{"sh", "-c",
        "cat > '" + out.string() + "'; printf %s \"$STRIKE_ALERT_TEXT\" > '" + text.string() +
            "'"}},
      timeout_ns);
  CHECK(ok->deliver(sample()).delivered);
  simdjson::dom::parser parser;
  simdjson::dom::element body = parser.parse(slurp(out));
  CHECK(std::string_view(body["type"]) == "TradingHalted");
  CHECK(slurp(text) == sample().text);

  auto failing = daemon::make_command_sink({{"sh", "-c", "exit 3"}}, timeout_ns);
  const auto three = failing->deliver(sample());
  CHECK_FALSE(three.delivered);
  CHECK(three.retry);
  CHECK(three.error == "sh: exit status 3");

  auto missing = daemon::make_command_sink({{"/nonexistent/notify"}}, timeout_ns);
  CHECK(missing->deliver(sample()).error.starts_with("/nonexistent/notify: cannot run"));

  auto hung = daemon::make_command_sink({{"sleep", "30"}}, 200'000'000);
  const auto start = std::chrono::steady_clock::now();
  const auto killed = hung->deliver(sample());
  CHECK(killed.error == "sleep: killed after 200 ms");
  CHECK(std::chrono::steady_clock::now() - start < 10s);
}

TEST_CASE("a full queue drops alerts and reports each, and closing reports what is left") {
  lost_log lost;
  std::int64_t dropped = 0;
  {
    daemon::sink_worker_options o = quick(0);
    o.capacity = 2;
    daemon::sink_worker worker(daemon::make_command_sink({{"sleep", "30"}}, 300'000'000), o,
                               lost.fn());
    for (int i = 1; i <= 5; ++i) worker.push(sample(i));
    dropped = worker.dropped();
    // At most one was taken off the queue before the pushes ended; two more fit.
    CHECK(dropped >= 2);
    CHECK(dropped <= 3);
    worker.close(std::chrono::steady_clock::now());
    CHECK(worker.dropped() + worker.failed() == 5);
  }
  std::lock_guard lock(lost.mu);
  REQUIRE(lost.why.size() == 5);
  int full = 0;
  for (const auto& w : lost.why) full += w.find("queue full (2 waiting)") != std::string::npos;
  CHECK(full == dropped);
}
