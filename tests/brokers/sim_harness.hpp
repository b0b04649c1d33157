// The Angel One client against an in-process simulator over real TLS on 127.0.0.1.
//
// Both run on virtual clocks the test moves: `real` is the simulator's real-time clock (TOTP,
// rate limits) and also the client's timekeeper, so every backoff, rate-limit pause and
// breaker cool-down the client waits advances the time the simulator sees, and no test sleeps;
// `market` drives the simulator's prices, fills and session expiry. Events the client reports
// through its sink are collected, and its log output is captured, for the secrecy checks.
#pragma once

#include <doctest/doctest.h>
#include <simdjson.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "base/file_io.hpp"
#include "brokers/angelone/client.hpp"
#include "brokers/timekeeper.hpp"
#include "core/clock.hpp"
#include "sim/simulator.hpp"
#include "sim/time_text.hpp"
#include "tests/support/plain_http.hpp"
#include "tests/support/temp_dir.hpp"

namespace strike::test {

inline constexpr const char* sim_client_code = "T2000001";
inline constexpr const char* sim_pin = "8642";
inline constexpr const char* sim_totp_secret = "KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF";
inline constexpr const char* sim_api_key = "clientkey77";

struct harness_options {
  bool rate_limits = true;
  std::int64_t request_timeout_ms = 5000;
  std::int64_t breaker_threshold = 5;
  std::string token_file = "tokens.json";  // in the harness's directory; "" = none
};

class sim_harness {
 public:
  explicit sim_harness(harness_options o = {})
      : options(o),
        market(*sim::parse_iso_time("2026-01-05T10:00:00+05:30")),
        // 2026-01-05 13:30 IST: the client's and the simulator's real time
        real(1'767'600'000LL * core::ns_per_s),
        time(real) {
    sim::sim_config cfg;
    cfg.seed = 7;
    cfg.accounts.push_back(
        {sim_client_code, sim_pin, sim_totp_secret, sim_api_key, "Client Test", 10'00'000'00});
    cfg.faults.enforce_rate_limits = o.rate_limits;
    sim = std::make_unique<sim::simulator>(cfg, market, real);
    auto started = sim->start();
    REQUIRE_MESSAGE(started.ok(), (started.ok() ? "" : started.error().message));
    sim->run_in_thread();
    REQUIRE(base::write_file_atomic(dir / "sim-cert.pem", sim->certificate_pem(), 0644).ok());
    capture_logs();
    client = make_client();
  }

  ~sim_harness() {
    if (client) client->shutdown();
    io.run_for(std::chrono::seconds(5));
    client.reset();
    sim->stop();
    spdlog::set_default_logger(previous_logger);
  }

  std::string base_url() const { return "https://127.0.0.1:" + std::to_string(sim->ports().https); }

  brokers::angelone::client_settings settings() const {
    brokers::angelone::client_settings s;
    s.base_url = base_url();
    s.ca_file = dir / "sim-cert.pem";
    s.client_public_ip = "203.0.113.7";
    s.api.timeout_ns = options.request_timeout_ms * 1'000'000;
    s.api.jitter_seed = 11;
    s.api.breaker.failure_threshold = options.breaker_threshold;
    s.session.token_file =
        options.token_file.empty() ? std::filesystem::path{} : dir / options.token_file;
    s.instruments.url = base_url() + "/OpenAPI_File/files/OpenAPIScripMaster.json";
    s.instruments.cache_dir = dir / "instruments";
    return s;
  }

  brokers::angelone::credentials creds() const {
    return {sim_client_code, sim_pin, sim_totp_secret, sim_api_key};
  }

  std::unique_ptr<brokers::angelone::client> make_client(
      std::optional<brokers::angelone::client_settings> s = {},
      std::optional<brokers::angelone::credentials> c = {}) {
    auto made = brokers::angelone::client::create(io.get_executor(), time, s ? *s : settings(),
                                                  c ? *c : creds(), [this](events::payload p) {
                                                    events.push_back(p);
                                                    if (on_event) on_event(events.back());
                                                  });
    REQUIRE_MESSAGE(made.ok(), (made.ok() ? "" : made.error().message));
    return std::move(*made);
  }

  // Runs one client operation to completion on the test's reactor (30 s real-time deadline).
  template <class T>
  T run(boost::asio::awaitable<T> op) {
    std::optional<T> out;
    // co_spawn wants a default-constructible result; strike::result is not.
    auto wrapped = [](boost::asio::awaitable<T> inner) -> boost::asio::awaitable<std::optional<T>> {
      co_return co_await std::move(inner);
    };
    boost::asio::co_spawn(io, wrapped(std::move(op)),
                          [&out](std::exception_ptr e, std::optional<T> value) {
                            if (e) std::rethrow_exception(e);
                            out = std::move(value);
                          });
    io.restart();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!out && std::chrono::steady_clock::now() < deadline) io.run_one_until(deadline);
    REQUIRE_MESSAGE(out.has_value(), "the operation did not finish within 30 s");
    return std::move(*out);
  }

  // The admin endpoint (plain HTTP).
  plain_reply admin(const std::string& method, const std::string& target,
                    const std::string& body = "") {
    return plain_request(sim->ports().admin, method, target, body);
  }
  void faults(const std::string& json) {
    REQUIRE(admin("POST", "/admin/faults", json).status == 200);
  }
  // How many orders the simulator holds with this ordertag.
  int orders_tagged(const std::string& ordertag) {
    auto reply = admin("GET", "/admin/orders");
    REQUIRE(reply.status == 200);
    simdjson::dom::parser p;
    simdjson::dom::array orders;
    REQUIRE(p.parse(reply.body).get(orders) == simdjson::SUCCESS);
    int n = 0;
    for (simdjson::dom::element o : orders) {
      std::string_view tag;
      if (o.at_pointer("/order/ordertag").get(tag) == simdjson::SUCCESS && tag == ordertag) ++n;
    }
    return n;
  }
  // The simulator's outcome of every request to endpoint ("ok", "rate_limited", ...), in order.
  std::vector<std::string> request_outcomes(const std::string& endpoint) {
    auto reply = admin("GET", "/admin/requests");
    REQUIRE(reply.status == 200);
    simdjson::dom::parser p;
    simdjson::dom::array requests;
    REQUIRE(p.parse(reply.body).at_pointer("/requests").get(requests) == simdjson::SUCCESS);
    std::vector<std::string> out;
    for (simdjson::dom::element r : requests) {
      std::string_view name, outcome;
      if (r.at_pointer("/endpoint").get(name) == simdjson::SUCCESS && name == endpoint &&
          r.at_pointer("/outcome").get(outcome) == simdjson::SUCCESS)
        out.emplace_back(outcome);
    }
    return out;
  }

  template <class T>
  std::vector<T> events_of() const {
    std::vector<T> out;
    for (const auto& e : events)
      if (auto* p = std::get_if<T>(&e)) out.push_back(*p);
    return out;
  }

  std::string log_text() const { return log_stream.str(); }

  harness_options options;
  temp_dir dir;
  core::virtual_clock market;
  core::virtual_clock real;
  brokers::virtual_timekeeper time;
  std::unique_ptr<sim::simulator> sim;
  boost::asio::io_context io;
  std::vector<events::payload> events;
  std::function<void(const events::payload&)> on_event;
  std::unique_ptr<brokers::angelone::client> client;
  std::ostringstream log_stream;

 private:
  void capture_logs() {
    previous_logger = spdlog::default_logger();
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_stream);
    auto logger = std::make_shared<spdlog::logger>("harness", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  std::shared_ptr<spdlog::logger> previous_logger;
};

}  // namespace strike::test
