// striked data fetch as a real process against the simulator over TLS on 127.0.0.1: the day
// files it writes, the requests it makes, and what a rerun asks for. The simulator's market
// stands still at 11:00 IST on Wednesday 7 Jan 2026; the fetch reads the same market time
// from its configuration's [clock], so Monday and Tuesday are over and Wednesday is trading.
#include <doctest/doctest.h>
#include <simdjson.h>

#include <boost/asio/co_spawn.hpp>
#include <fstream>
#include <map>
#include <set>

#include "base/file_io.hpp"
#include "brokers/angelone/client.hpp"
#include "brokers/timekeeper.hpp"
#include "core/clock.hpp"
#include "sim/simulator.hpp"
#include "sim/time_text.hpp"
#include "storage/bar_files.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/plain_http.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

namespace {

constexpr const char* market_now = "2026-01-07T11:00:00+05:30";
const std::vector<std::string> credentials{"STRIKE_CLIENT_CODE=F3000001", "STRIKE_PIN=2468",
                                           "STRIKE_TOTP_SECRET=KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF",
                                           "STRIKE_API_KEY=fetchkey01"};

struct run_result {
  int code = -1;
  std::string out;
  std::string err;
};

struct candle_call {
  std::string token;
  std::string from;  // "2026-01-05 00:00"
  std::string to;
};

class fetch_fixture {
 public:
  fetch_fixture() : market(*sim::parse_iso_time(market_now)) {
    sim::sim_config cfg;
    cfg.seed = 7;
    cfg.accounts.push_back({"F3000001", "2468", "KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF", "fetchkey01",
                            "Fetch Test", 10'00'000'00});
    sim = std::make_unique<sim::simulator>(cfg, market, real);
    auto started = sim->start();
    REQUIRE_MESSAGE(started.ok(), (started.ok() ? "" : started.error().message));
    sim->run_in_thread();
    REQUIRE(base::write_file_atomic(dir / "cert.pem", sim->certificate_pem(), 0644).ok());
    const std::string url = "https://127.0.0.1:" + std::to_string(sim->ports().https);
    std::ofstream(dir / "config.toml")
        << "[daemon]\nstate_dir = \"state\"\nlog_dir = \"log\"\n\n[broker]\nbase_url = \"" << url
        << "\"\nca_file = \"cert.pem\"\nclient_public_ip = \"127.0.0.1\"\n"
        << "instruments_url = \"" << url << "/OpenAPI_File/files/OpenAPIScripMaster.json\"\n\n"
        << "[clock]\nkind = \"scaled\"\nstart = \"" << market_now << "\"\nspeed = 1\n";
  }
  ~fetch_fixture() { sim->stop(); }

  std::filesystem::path bars() const { return dir / "state" / "bars"; }

  run_result fetch(std::vector<std::string> args) {
    args.insert(args.begin(), {"data", "fetch", "--config", (dir / "config.toml").string()});
    test::child_process p(STRIKED_PATH, args, credentials);
    run_result r;
    const auto code = p.wait_exit(120s);
    REQUIRE_MESSAGE(code.has_value(), "striked data fetch did not finish within 120 s");
    r.code = *code;
    r.out = p.drain_stdout();
    r.err = p.drain_stderr();
    return r;
  }

  // The getCandleData requests the simulator answered after request number `since`. One
  // refused for the rate (a fresh process's first requests can land in the window its
  // predecessor's last ones filled) is sent again, and counted once.
  std::vector<candle_call> candle_calls(std::uint64_t since) {
    auto reply = test::plain_request(sim->ports().admin, "GET",
                                     "/admin/requests?since=" + std::to_string(since));
    REQUIRE(reply.status == 200);
    simdjson::dom::parser p, body_parser;
    simdjson::dom::array requests;
    REQUIRE(p.parse(reply.body).at_pointer("/requests").get(requests) == simdjson::SUCCESS);
    std::vector<candle_call> out;
    for (simdjson::dom::element r : requests) {
      std::string_view endpoint, outcome, body;
      if (r["endpoint"].get(endpoint) || endpoint != "getCandleData" || r["outcome"].get(outcome) ||
          outcome != "ok" || r["body"].get(body))
        continue;
      simdjson::dom::element b = body_parser.parse(std::string(body));
      out.push_back({std::string(std::string_view(b["symboltoken"])),
                     std::string(std::string_view(b["fromdate"])),
                     std::string(std::string_view(b["todate"]))});
    }
    return out;
  }

  std::uint64_t last_request() {
    auto reply = test::plain_request(sim->ports().admin, "GET", "/admin/requests");
    simdjson::dom::parser p;
    simdjson::dom::array requests;
    REQUIRE(p.parse(reply.body).at_pointer("/requests").get(requests) == simdjson::SUCCESS);
    std::uint64_t last = 0;
    for (simdjson::dom::element r : requests) last = std::max<std::uint64_t>(last, r["seq"]);
    return last;
  }

  // Candles as the simulator serves them to a client of our own, as bars.
  std::vector<core::market::bar> served(const std::string& id, const std::string& date) {
    brokers::angelone::client_settings s;
    const std::string url = "https://127.0.0.1:" + std::to_string(sim->ports().https);
    s.base_url = url;
    s.ca_file = dir / "cert.pem";
    s.client_public_ip = "127.0.0.1";
    s.instruments.url = url + "/OpenAPI_File/files/OpenAPIScripMaster.json";
    s.instruments.cache_dir = dir / "check-instruments";
    boost::asio::io_context io;
    core::system_clock wall;
    brokers::real_timekeeper time(wall);
    auto client = brokers::angelone::client::create(
        io.get_executor(), time, s,
        {"F3000001", "2468", "KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF", "fetchkey01"}, {});
    REQUIRE(client.ok());
    const auto d = *core::parse_date(date);
    using candles = result<std::vector<brokers::candle>>;
    // co_spawn wants a default-constructible result; strike::result is not.
    auto wrapped =
        [](boost::asio::awaitable<candles> op) -> boost::asio::awaitable<std::optional<candles>> {
      co_return co_await std::move(op);
    };
    brokers::candle_request request{id, brokers::candle_interval::m1,
                                    core::ist_time_ns(d, 9 * 60 + 15),
                                    core::ist_time_ns(d, 15 * 60 + 29)};
    std::optional<candles> got;
    boost::asio::co_spawn(
        io, wrapped((*client)->candles(std::move(request))),
        [&](std::exception_ptr, std::optional<candles> r) { got = std::move(r); });
    while (!got && io.run_one_for(30s) > 0) {
    }
    (*client)->shutdown();
    io.run_for(2s);
    REQUIRE(got.has_value());
    REQUIRE(got->ok());
    std::vector<core::market::bar> out;
    for (const auto& c : **got)
      out.push_back(
          {c.open_ns, c.open_paise, c.high_paise, c.low_paise, c.close_paise, c.volume, 0});
    return out;
  }

  test::temp_dir dir;
  core::virtual_clock market;  // stands still: the fetch's "now" moves on by seconds only
  core::system_clock real;     // TOTP and rate limits, as the fetch process sees them
  std::unique_ptr<sim::simulator> sim;
};

std::vector<storage::stored_bar> day_file(const std::filesystem::path& path) {
  auto bars = storage::read_bar_file(path);
  REQUIRE_MESSAGE(bars.ok(), (bars.ok() ? "" : bars.error().message));
  return *bars;
}

std::map<std::string, std::vector<core::market::bar>> by_instrument(
    const std::vector<storage::stored_bar>& bars) {
  std::map<std::string, std::vector<core::market::bar>> out;
  for (const auto& b : bars) {
    CHECK(b.timeframe == ev::timeframe::m1);
    out[b.instrument].push_back(b.value);
  }
  return out;
}

std::set<std::string> from_dates(const std::vector<candle_call>& calls) {
  std::set<std::string> out;
  for (const auto& c : calls) out.insert(c.from.substr(0, 10));
  return out;
}

}  // namespace

TEST_CASE(
    "data fetch writes the index, VIX and options around the money as bar day files, "
    "and a rerun asks for nothing") {
  fetch_fixture f;
  const auto first = f.fetch({"--from", "2026-01-03", "--to", "2026-01-06", "--strikes", "1",
                              "--expiries", "1", "--quiet"});
  INFO(first.err);
  REQUIRE(first.code == 0);
  CHECK(first.err.empty());
  CHECK(first.out.find("2 day files written") != std::string::npos);

  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(f.bars()))
    names.insert(e.path().filename().string());
  // Saturday 3 and Sunday 4 January have no session and no file.
  CHECK(names == std::set<std::string>{"2026-01-05.jsonl", "2026-01-06.jsonl", "fetched.jsonl"});

  for (const std::string date : {"2026-01-05", "2026-01-06"}) {
    const auto bars = day_file(f.bars() / (date + ".jsonl"));
    for (std::size_t i = 1; i < bars.size(); ++i)
      CHECK(bars[i - 1].value.start_ns <= bars[i].value.start_ns);
    const auto series = by_instrument(bars);
    CHECK(series.count("NSE:99926000") == 1);
    CHECK(series.count("NSE:99926017") == 1);
    // One strike either side of the money, calls and puts, of the nearest expiry.
    CHECK(series.size() == 2 + 6);
    for (const auto& [id, s] : series) {
      INFO(date, " ", id);
      CHECK(s.size() == 375);
      CHECK(s.front().start_ns == core::ist_time_ns(*core::parse_date(date), 9 * 60 + 15));
    }
  }

  // The bars are what the simulator serves.
  const auto monday = by_instrument(day_file(f.bars() / "2026-01-05.jsonl"));
  CHECK(monday.at("NSE:99926000") == f.served("NSE:99926000", "2026-01-05"));
  const auto& option = *std::prev(monday.end());
  CHECK(option.second == f.served(option.first, "2026-01-05"));

  const auto before = f.last_request();
  const auto second = f.fetch({"--from", "2026-01-03", "--to", "2026-01-06", "--strikes", "1",
                               "--expiries", "1", "--quiet"});
  CHECK(second.code == 0);
  CHECK(f.candle_calls(before).empty());
  CHECK(second.out.find("0 requests") != std::string::npos);
}

TEST_CASE("data fetch fetches a day still trading again, and a deleted day file alone") {
  fetch_fixture f;
  const std::vector<std::string> args{"--from", "2026-01-05", "--to", "2026-01-09", "--strikes",
                                      "1",      "--expiries", "1",    "--quiet"};
  const auto first = f.fetch(args);
  INFO(first.err);
  REQUIRE(first.code == 0);
  // Thursday and Friday have not begun; Wednesday is under way at 11:00.
  CHECK_FALSE(std::filesystem::exists(f.bars() / "2026-01-08.jsonl"));
  const auto today = by_instrument(day_file(f.bars() / "2026-01-07.jsonl"));
  CHECK(today.at("NSE:99926000").size() == 106);  // 09:15 to 11:00
  const std::string monday_text = *base::read_file(f.bars() / "2026-01-05.jsonl");
  const std::string tuesday_text = *base::read_file(f.bars() / "2026-01-06.jsonl");

  auto before = f.last_request();
  REQUIRE(f.fetch(args).code == 0);
  auto calls = f.candle_calls(before);
  CHECK(from_dates(calls) == std::set<std::string>{"2026-01-07"});
  CHECK(calls.size() == today.size());  // each series of the day under way, once

  std::filesystem::remove(f.bars() / "2026-01-05.jsonl");
  before = f.last_request();
  REQUIRE(f.fetch(args).code == 0);
  calls = f.candle_calls(before);
  CHECK(from_dates(calls) == std::set<std::string>{"2026-01-05", "2026-01-07"});
  for (const auto& c : calls) {
    INFO(c.token, " ", c.from, " ", c.to);
    CHECK(c.to.substr(0, 10) == c.from.substr(0, 10));  // one day per request: Tuesday is held
  }
  CHECK(*base::read_file(f.bars() / "2026-01-05.jsonl") == monday_text);
  CHECK(*base::read_file(f.bars() / "2026-01-06.jsonl") == tuesday_text);
}

TEST_CASE("data fetch --tokens and --interval fetch just those, into --out") {
  fetch_fixture f;
  const auto out = f.dir / "five-minute";
  const auto r = f.fetch({"--from", "2026-01-06", "--to", "2026-01-06", "--tokens", "NSE:99926000",
                          "--interval", "5m", "--out", out.string(), "--quiet"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto bars = day_file(out / "2026-01-06.jsonl");
  REQUIRE(bars.size() == 75);
  for (const auto& b : bars) {
    CHECK(b.instrument == "NSE:99926000");
    CHECK(b.timeframe == ev::timeframe::m5);
  }
  CHECK_FALSE(std::filesystem::exists(f.bars()));
}

TEST_CASE("data fetch goes on past a token the broker refuses, and exits 1 naming it") {
  fetch_fixture f;
  const auto r = f.fetch({"--from", "2026-01-06", "--to", "2026-01-06", "--tokens",
                          "NSE:424242,NSE:99926017", "--quiet"});
  CHECK(r.code == 1);
  CHECK(r.err.find("1 requests refused") != std::string::npos);
  CHECK(r.err.find("Symbol Not Found") != std::string::npos);
  const auto series = by_instrument(day_file(f.bars() / "2026-01-06.jsonl"));
  CHECK(series.size() == 1);
  CHECK(series.at("NSE:99926017").size() == 375);
}

TEST_CASE("data fetch refuses bad arguments with one line naming the problem") {
  test::temp_dir dir;
  const auto config = (dir / "absent.toml").string();
  struct bad {
    std::vector<std::string> args;
    std::string says;
  };
  const std::vector<bad> cases{
      {{"--from", "2026-01-07", "--to", "2026-01-05"},
       "--from 2026-01-07 is after --to 2026-01-05"},
      {{"--from", "2026-01-05", "--to", "2026-01-07", "--tokens", "NIFTY"},
       "'NIFTY' is not EXCHANGE:TOKEN"},
      {{"--from", "2026-01-05", "--to", "2026-01-07", "--tokens", "NSE:99926000,XYZ:1"},
       "'XYZ:1' is not EXCHANGE:TOKEN"},
      {{"--from", "2026-01-05", "--to", "2026-01-07", "--interval", "2m"}, "--interval 2m"},
      {{"--from", "5 Jan", "--to", "2026-01-07"}, "--from 5 Jan: not a date"},
      {{"--to", "2026-01-07"}, "--from DATE and --to DATE are required"},
      {{"--from", "2026-01-05", "--to", "2026-01-07", "--bogus", "1"}, "unexpected argument"},
      {{"--from", "2026-01-05", "--to", "2026-01-07"}, "absent.toml"},
  };
  for (const auto& c : cases) {
    auto args = c.args;
    args.insert(args.begin(), {"data", "fetch", "--config", config});
    test::child_process p(STRIKED_PATH, args, credentials);
    const auto code = p.wait_exit(30s);
    const std::string err = p.drain_stderr();
    INFO(err);
    CHECK(code == 2);
    CHECK(err.find(c.says) != std::string::npos);
    CHECK(std::count(err.begin(), err.end(), '\n') == 1);
  }
}
