// `striked feed` as a process against `striked sim` as a process: it logs in with the
// config's [broker] section, subscribes, and prints each tick as one JSON line with the values
// the simulator's market gives for that second.
#include <doctest/doctest.h>
#include <simdjson.h>

#include <fstream>

#include "tests/feeds/feed_fixture.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace std::chrono_literals;
using test::child_process;

namespace {

const char* const start = "2026-01-05T10:00:00+05:30";

struct sim_process {
  test::temp_dir dir;
  std::unique_ptr<child_process> sim;
  std::int64_t https_port = 0;
  std::int64_t admin_port = 0;

  sim_process() {
    const auto ready = dir / "ready.json";
    sim = std::make_unique<child_process>(
        STRIKED_PATH, std::vector<std::string>{"sim", "--https-port", "0", "--admin-port", "0", "--cert-out",
                                               (dir / "cert.pem").string(), "--ready-file", ready.string(), "--seed",
                                               "11", "--start", start, "--speed", "0.000001"});
    std::optional<std::string> line;
    while ((line = sim->read_stdout_line(20s)) && line->find("striked sim: ready ") == std::string::npos) {
    }
    REQUIRE(line);
    simdjson::dom::parser p;
    auto info = p.parse(line->substr(line->find('{')));
    https_port = std::int64_t(info["https_port"]);
    admin_port = std::int64_t(info["admin_port"]);
    std::ofstream cfg(dir / "config.toml");
    const std::string root = "127.0.0.1:" + std::to_string(https_port);
    cfg << "[daemon]\nstate_dir = \"state\"\nlog_dir = \"log\"\nlog_level = \"info\"\n"
        << "[broker]\nbase_url = \"https://" << root << "\"\nca_file = \"cert.pem\"\n"
        << "instruments_url = \"https://" << root << "/OpenAPI_File/files/OpenAPIScripMaster.json\"\n"
        << "[feeds]\nstream_url = \"wss://" << root << "/smart-stream\"\n"
        << "order_url = \"wss://" << root << "/smart-order-update\"\n";
  }
  ~sim_process() { sim->signal(SIGTERM); }
};

const std::vector<std::string> demo_account = {"STRIKE_CLIENT_CODE=SIM001", "STRIKE_PIN=1234",
                                               "STRIKE_TOTP_SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
                                               "STRIKE_API_KEY=simkey01"};

}  // namespace

TEST_CASE("striked feed prints each tick as one JSON line with the simulator's values") {
  sim_process s;
  test::sim_world world(test::ist_time(start));
  const std::string option = world.option(26000, true);
  child_process feed(STRIKED_PATH,
                     {"feed", "--config", (s.dir / "config.toml").string(), "--tokens", "NSE:99926000," + option,
                      "--mode", "snap", "--for", "60s"},
                     demo_account);
  simdjson::dom::parser p;
  int seen = 0;
  for (int i = 0; i < 2; ++i) {
    auto line = feed.read_stdout_line(20s);
    REQUIRE(line);
    simdjson::dom::element t = p.parse(*line);
    const std::string instrument = std::string(std::string_view(t["exchange"])) + ":" + std::string(std::string_view(t["token"]));
    const auto& want = world.tick(instrument, std::int64_t(t["exchange_time_ns"]));
    CHECK(std::string_view(t["mode"]) == "snap");
    CHECK(std::int64_t(t["sequence"]) == want.sequence);
    CHECK(std::int64_t(t["ltp"]) == want.ltp);
    CHECK(std::int64_t(t["open"]) == want.open);
    CHECK(std::int64_t(t["close"]) == want.close);
    CHECK(std::int64_t(t["volume"]) == want.volume);
    CHECK(std::int64_t(t["oi"]) == want.oi);
    CHECK(std::int64_t(t["depth"]["bids"].at(0)["price"]) == want.bids[0].price);
    CHECK(std::int64_t(t["depth"]["asks"].at(4)["qty"]) == want.asks[4].qty);
    CHECK(std::string_view(t["exchange_time"]) == "2026-01-05T10:00:00.000+05:30");
    seen += instrument == option ? 1 : 2;
  }
  CHECK(seen == 3);  // one line for each instrument
  feed.signal(SIGINT);
  CHECK(feed.wait_exit(20s) == 0);
  CHECK(feed.drain_stderr().find("FeedConnected") != std::string::npos);
}

TEST_CASE("striked feed refuses a bad mode or instrument list with a usage message") {
  sim_process s;
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"feed", "--config", (s.dir / "config.toml").string(), "--tokens", "NSE:99926000", "--mode", "depth"},
        std::vector<std::string>{"feed", "--config", (s.dir / "config.toml").string(), "--mode", "ltp"},
        std::vector<std::string>{"feed", "--config", (s.dir / "config.toml").string(), "--tokens", "NOPE:1"}}) {
    child_process feed(STRIKED_PATH, bad, demo_account);
    CHECK(feed.wait_exit(20s) == 2);
  }
}
