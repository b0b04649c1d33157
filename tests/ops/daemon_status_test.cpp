// The status endpoint of a running striked: /healthz and /metrics over TCP from the live
// daemon, and the disk-space check turning the daemon unhealthy and journaling why.
#include <doctest/doctest.h>
#include <simdjson.h>

#include <fstream>

#include "storage/journal_reader.hpp"
#include "tests/ops/prometheus_text.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/plain_http.hpp"
#include "tests/support/status_port.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;
namespace prom = strike::test::prometheus;

namespace {

struct running_daemon {
  test::temp_dir dir;
  std::unique_ptr<test::child_process> process;
  std::uint16_t port = 0;

  explicit running_daemon(const std::string& daemon_extra = "") {
    std::ofstream(dir / "config.toml")
        << "[daemon]\nstate_dir = \"state\"\nlog_dir = \"log\"\nheartbeat_ms = 100\n"
        << "trading = false\n"
        << daemon_extra << "\n[status]\nport = 0\n";
    process = std::make_unique<test::child_process>(
        STRIKED_PATH, std::vector<std::string>{"run", "--config", (dir / "config.toml").string()});
    port = test::status_port_of(*process, 20s);
    REQUIRE(port != 0);
    REQUIRE(process->wait_for_stderr("running", 20s));
  }

  ~running_daemon() {
    process->signal(SIGTERM);
    CHECK(process->wait_exit(20s) == 0);
  }
  running_daemon(const running_daemon&) = delete;
  running_daemon& operator=(const running_daemon&) = delete;

  // GET /healthz: checks its status and returns its JSON (valid while parser lives).
  simdjson::dom::element health(simdjson::dom::parser& parser, unsigned expected_status) const {
    const auto reply = test::plain_request(port, "GET", "/healthz");
    REQUIRE(reply.status == expected_status);
    return parser.parse(reply.body);
  }
};

}  // namespace

TEST_CASE("a running daemon serves its health as JSON and its metrics as Prometheus text") {
  running_daemon d;
  simdjson::dom::parser parser;
  const auto h = d.health(parser, 200);
  CHECK(bool(h["healthy"]));
  CHECK(bool(h["journal"]["ok"]));
  CHECK(int64_t(h["journal"]["seq"]) >= 3);
  CHECK(bool(h["disk"]["ok"]));
  CHECK(int64_t(h["disk"]["state"]["free_mb"]) > 0);
  CHECK(h["runtime"].is_null());

  const auto metrics = test::plain_request(d.port, "GET", "/metrics");
  REQUIRE(metrics.status == 200);
  const auto families = prom::parse(metrics.body);
  double seq = 0, started = 0, locked = -1;
  for (const auto& f : families)
    for (const auto& s : f.samples) {
      if (s.name == "strike_journal_seq") seq = s.value;
      if (s.name == "strike_memory_locked") locked = s.value;
      if (s.name == "strike_events_total" && s.labels.count("type") &&
          s.labels.at("type") == "DaemonStarted")
        started = s.value;
    }
  CHECK(seq >= 3);
  CHECK(started == 1);
  CHECK((locked == 0 || locked == 1));  // 1 where the process may lock its memory
  CHECK(test::plain_request(d.port, "GET", "/nope").status == 404);
  CHECK(test::plain_request(d.port, "POST", "/healthz").status == 405);
}

TEST_CASE("too little free disk makes the daemon unhealthy and is journaled once") {
  // More free space than any test machine has.
  running_daemon d("min_free_mb = 1000000\n");
  simdjson::dom::parser parser;
  const auto h = d.health(parser, 503);
  CHECK_FALSE(bool(h["healthy"]));
  CHECK_FALSE(bool(h["disk"]["ok"]));
  CHECK(bool(h["disk"]["state"]["low"]));
  CHECK(bool(h["journal"]["ok"]));
  // Low disk halts entries, not the daemon: it keeps running through several heartbeats,
  // and the condition is still journaled once.
  CHECK_FALSE(d.process->wait_exit(500ms).has_value());
  for (int i = 0; i < 3; ++i) CHECK(test::plain_request(d.port, "GET", "/healthz").status == 503);
  d.process->signal(SIGTERM);
  REQUIRE(d.process->wait_exit(20s) == 0);

  int errors = 0;
  std::string detail;
  auto r = storage::read_journal(d.dir / "state", 0, [&](const ev::event& e) -> status {
    if (const auto* x = std::get_if<ev::error_raised>(&e.body); x && x->component == "disk") {
      ++errors;
      detail = x->message;
    }
    return {};
  });
  REQUIRE(r.ok());
  CHECK(errors == 1);
  CHECK(detail.find("below 1000000 MiB") != std::string::npos);
}
