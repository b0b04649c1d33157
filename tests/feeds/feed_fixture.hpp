// The Angel One client and its feeds against an in-process simulator over real TLS WebSockets
// on 127.0.0.1.
//
// Clocks: `market` drives the simulator's prices (a tick per market second: the test advances
// it), `real` is the simulator's real time and the client's timekeeper (TOTP, rate limits),
// `wall` is what the feeds read for stale checks. Feed timing (heartbeat, silence, backoff)
// runs on the reactor's steady timers with short test settings; tests wait on conditions with
// deadlines, never sleep.
//
// `world` is an independent copy of the simulator's market with the same seed, from which the
// tests compute the values every tick must carry.
#pragma once

#include <doctest/doctest.h>
#include <simdjson.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/file_io.hpp"
#include "brokers/angelone/client.hpp"
#include "brokers/angelone/order_feed/order_update_feed.hpp"
#include "brokers/angelone/smartstream/smartstream_feed.hpp"
#include "brokers/timekeeper.hpp"
#include "core/clock.hpp"
#include "sim/simulator.hpp"
#include "sim/stream_ticks.hpp"
#include "sim/time_text.hpp"
#include "tests/feeds/admin_client.hpp"
#include "tests/support/temp_dir.hpp"

namespace strike::test {

inline constexpr const char* feed_client_code = "F4000001";
inline constexpr const char* feed_pin = "2468";
inline constexpr const char* feed_totp_secret = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";
inline constexpr const char* feed_api_key = "feedkey9";
inline constexpr std::uint64_t feed_seed = 11;

inline std::int64_t ist_time(const char* text) {
  return *sim::parse_iso_time(text);
}

// The simulator's market, rebuilt from the same inputs.
struct sim_world {
  explicit sim_world(std::int64_t start_ns)
      : path(feed_seed, core::ist_date(start_ns),
             {settings.nifty_open, settings.banknifty_open, settings.vix_open}),
        instruments(settings.instruments, core::ist_date(start_ns), settings.nifty_open,
                    settings.banknifty_open),
        mkt(path, instruments, feed_seed),
        ticks(mkt, feed_seed) {}

  // "NFO:<token>" of the NIFTY option at strike (rupees) of the nearest expiry.
  std::string option(std::int64_t strike, bool call) const {
    const sim::instrument* best = nullptr;
    for (const auto& i : instruments.all())
      if (!i.is_index && i.underlying == sim::series::nifty && i.call == call &&
          i.strike_paise == strike * 100 && (best == nullptr || i.expiry_ns < best->expiry_ns))
        best = &i;
    REQUIRE(best != nullptr);
    return "NFO:" + best->token;
  }
  const sim::instrument& of(const std::string& instrument) const {
    const auto* i = instruments.by_token(instrument.substr(instrument.find(':') + 1));
    REQUIRE(i != nullptr);
    return *i;
  }
  const sim::stream_tick& tick(const std::string& instrument, std::int64_t t) {
    return ticks.at(of(instrument), t);
  }

  sim::market_settings settings;
  sim::price_path path;
  sim::instrument_master instruments;
  sim::market mkt;
  sim::tick_source ticks;
};

class feed_fixture {
 public:
  feed_fixture()
      : market(ist_time("2026-01-05T10:00:00+05:30")),
        real(1'767'600'000LL * core::ns_per_s),
        wall(ist_time("2026-01-05T10:00:00+05:30")),
        time(real),
        world(market.now_ns()) {
    sim::sim_config cfg;
    cfg.seed = feed_seed;
    cfg.accounts.push_back(
        {feed_client_code, feed_pin, feed_totp_secret, feed_api_key, "Feed Test", 10'00'000'00});
    cfg.faults.enforce_rate_limits = false;
    sim = std::make_unique<sim::simulator>(cfg, market, real);
    auto started = sim->start();
    REQUIRE_MESSAGE(started.ok(), (started.ok() ? "" : started.error().message));
    sim->run_in_thread();
    REQUIRE(base::write_file_atomic(dir / "sim-cert.pem", sim->certificate_pem(), 0644).ok());
    brokers::angelone::client_settings s;
    s.base_url = "https://127.0.0.1:" + std::to_string(sim->ports().https);
    s.ca_file = dir / "sim-cert.pem";
    s.client_public_ip = "203.0.113.7";
    s.api.jitter_seed = 5;
    s.instruments.url = s.base_url + "/OpenAPI_File/files/OpenAPIScripMaster.json";
    s.instruments.cache_dir = dir / "instruments";
    auto made = brokers::angelone::client::create(
        io.get_executor(), time, s, {feed_client_code, feed_pin, feed_totp_secret, feed_api_key},
        sink());
    REQUIRE_MESSAGE(made.ok(), (made.ok() ? "" : made.error().message));
    client = std::move(*made);
  }

  ~feed_fixture() {
    if (orders) orders->stop();
    if (feed) feed->stop();
    if (client) client->shutdown();
    io.restart();
    io.run_for(std::chrono::seconds(5));
    orders.reset();
    feed.reset();
    client.reset();
    sim->stop();
  }

  brokers::event_sink sink() {
    return [this](events::payload p) { events.push_back(std::move(p)); };
  }

  std::string wss(std::string_view path) const {
    return "wss://127.0.0.1:" + std::to_string(sim->ports().https) + std::string(path);
  }

  static brokers::ws::link_options fast_link() {
    brokers::ws::link_options l;
    l.ping_interval_ns = 100 * core::ns_per_ms;
    l.silence_timeout_ns = 1000 * core::ns_per_ms;
    l.timeouts.open_ns = 5 * core::ns_per_s;
    l.timeouts.idle_timeout_ns = 1000 * core::ns_per_ms;
    l.backoff = {20 * core::ns_per_ms, 200 * core::ns_per_ms, 25};
    l.jitter_seed = 3;
    return l;
  }

  brokers::angelone::smartstream::feed_options stream_options() {
    brokers::angelone::smartstream::feed_options o;
    o.url = wss("/smart-stream");
    o.ca_file = dir / "sim-cert.pem";
    o.link = fast_link();
    o.check_interval_ns = 20 * core::ns_per_ms;
    o.rejection_report_ns = 100 * core::ns_per_ms;
    o.stale_after_ns = 5 * core::ns_per_s;
    return o;
  }

  brokers::angelone::order_feed_options order_options() {
    brokers::angelone::order_feed_options o;
    o.url = wss("/smart-order-update");
    o.ca_file = dir / "sim-cert.pem";
    o.link = fast_link();
    return o;
  }

  // Opens the market feed (not started); every delivered tick is kept as a copy.
  brokers::angelone::smartstream::smartstream_feed& open_feed(
      std::optional<brokers::angelone::smartstream::feed_options> o = {}) {
    auto made = brokers::angelone::smartstream::smartstream_feed::create(
        io.get_executor(), *client, wall, o ? *o : stream_options(), sink());
    REQUIRE_MESSAGE(made.ok(), (made.ok() ? "" : made.error().message));
    feed = std::move(*made);
    feed->on_tick([this](const brokers::market_tick& t) {
      received.push_back({t, std::string(t.exchange) + ":" + std::string(t.token)});
      received.back().tick.token = {};
      received.back().tick.exchange = {};
      if (on_tick) on_tick(t);
    });
    return *feed;
  }

  brokers::angelone::order_update_feed& open_orders() {
    auto made = brokers::angelone::order_update_feed::create(io.get_executor(), *client,
                                                             order_options(), sink());
    REQUIRE_MESSAGE(made.ok(), (made.ok() ? "" : made.error().message));
    orders = std::move(*made);
    return *orders;
  }

  // Runs the reactor until done() holds; false when the deadline passed first.
  template <class Done>
  bool run_until(Done done, std::chrono::milliseconds limit = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    io.restart();
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      io.run_one_until(
          std::min(deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(20)));
      if (io.stopped()) io.restart();
    }
    return done();
  }

  // Runs one client operation to completion.
  template <class T>
  T run(boost::asio::awaitable<T> op) {
    std::optional<T> out;
    auto wrapped = [](boost::asio::awaitable<T> inner) -> boost::asio::awaitable<std::optional<T>> {
      co_return co_await std::move(inner);
    };
    boost::asio::co_spawn(io, wrapped(std::move(op)),
                          [&out](std::exception_ptr e, std::optional<T> v) {
                            if (e) std::rethrow_exception(e);
                            out = std::move(v);
                          });
    REQUIRE_MESSAGE(run_until([&] { return out.has_value(); }), "the operation did not finish");
    return std::move(*out);
  }

  admin_reply admin(const std::string& method, const std::string& target,
                    const std::string& body = "") {
    return admin_request(sim->ports().admin, method, target, body);
  }
  void faults(const std::string& json) {
    const auto r = admin("POST", "/admin/faults", json);
    REQUIRE_MESSAGE(r.status == 200, r.body);
  }
  // A number from /admin/status, e.g. "/streams/subscriptions".
  std::int64_t status(const char* pointer) {
    const auto r = admin("GET", "/admin/status");
    simdjson::dom::parser p;
    std::int64_t v = -1;
    REQUIRE(p.parse(r.body).at_pointer(pointer).get(v) == simdjson::SUCCESS);
    return v;
  }

  template <class T>
  std::vector<T> events_of() const {
    std::vector<T> out;
    for (const auto& e : events)
      if (auto* p = std::get_if<T>(&e)) out.push_back(*p);
    return out;
  }

  // Ticks delivered for instrument at the market second containing t.
  std::size_t ticks_at(const std::string& instrument, std::int64_t t) const {
    std::size_t n = 0;
    for (const auto& r : received)
      if (r.instrument == instrument && r.tick.exchange_ns / core::ns_per_s == t / core::ns_per_s)
        ++n;
    return n;
  }
  bool has_tick(const std::string& instrument, std::int64_t t) const {
    return ticks_at(instrument, t) > 0;
  }

  struct delivered {
    brokers::market_tick tick;  // token and exchange cleared: see instrument
    std::string instrument;
  };

  temp_dir dir;
  core::virtual_clock market;
  core::virtual_clock real;
  core::virtual_clock wall;
  brokers::virtual_timekeeper time;
  sim_world world;
  std::unique_ptr<sim::simulator> sim;
  boost::asio::io_context io;
  std::vector<events::payload> events;
  std::unique_ptr<brokers::angelone::client> client;
  std::unique_ptr<brokers::angelone::smartstream::smartstream_feed> feed;
  std::unique_ptr<brokers::angelone::order_update_feed> orders;
  std::vector<delivered> received;
  std::function<void(const brokers::market_tick&)> on_tick;
};

// Whether a decoded tick carries exactly the simulator's values for its mode.
inline void check_tick(const brokers::market_tick& got, const sim::stream_tick& want,
                       brokers::feed_mode mode) {
  CHECK(got.mode == mode);
  CHECK(got.sequence == want.sequence);
  CHECK(got.exchange_ns == want.exchange_ms * core::ns_per_ms);
  CHECK(got.ltp == want.ltp);
  if (mode == brokers::feed_mode::ltp) return;
  CHECK(got.last_qty == want.last_qty);
  CHECK(got.avg_price == want.avg_price);
  CHECK(got.volume == want.volume);
  CHECK(got.total_buy_qty == static_cast<std::int64_t>(want.total_buy_qty));
  CHECK(got.total_sell_qty == static_cast<std::int64_t>(want.total_sell_qty));
  CHECK(got.open == want.open);
  CHECK(got.high == want.high);
  CHECK(got.low == want.low);
  CHECK(got.close == want.close);
  if (mode == brokers::feed_mode::quote) return;
  CHECK(got.oi == want.oi);
  CHECK(got.last_trade_ns == want.last_trade_s * core::ns_per_s);
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(got.bids[i].qty == want.bids[i].qty);
    CHECK(got.bids[i].price_paise == want.bids[i].price);
    CHECK(got.bids[i].orders == want.bids[i].orders);
    CHECK(got.asks[i].qty == want.asks[i].qty);
    CHECK(got.asks[i].price_paise == want.asks[i].price);
    CHECK(got.asks[i].orders == want.asks[i].orders);
  }
  CHECK(got.upper_circuit == want.upper_circuit);
  CHECK(got.lower_circuit == want.lower_circuit);
  CHECK(got.high_52w == want.high_52w);
  CHECK(got.low_52w == want.low_52w);
}

}  // namespace strike::test
