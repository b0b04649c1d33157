// An in-process simulator on its own reactor thread, on virtual clocks the test moves, with
// one account, and helpers to log in and read JSON replies.
#pragma once

#include <doctest/doctest.h>
#include <simdjson.h>

#include <deque>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "sim/simulator.hpp"
#include "sim/time_text.hpp"
#include "sim/totp.hpp"
#include "tests/sim/sim_client.hpp"

namespace strike::test {

inline constexpr const char* test_client = "T1000001";
inline constexpr const char* test_pin = "4321";
inline constexpr const char* test_totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
inline constexpr const char* test_api_key = "testkey1";
inline constexpr const char* place_path = "/rest/secure/angelbroking/order/v1/placeOrder";

inline std::int64_t ist(const char* text) {
  return *sim::parse_iso_time(text);
}

struct sim_options {
  bool rate_limits = false;
  std::uint64_t seed = 7;
  const char* start = "2026-01-05T10:00:00+05:30";  // a Monday, in the session
};

class sim_fixture {
 public:
  explicit sim_fixture(sim_options o = {})
      : market(ist(o.start)), real(1'767'600'000LL * core::ns_per_s) {
    sim::sim_config cfg;
    cfg.seed = o.seed;
    cfg.accounts.push_back(
        {test_client, test_pin, test_totp_secret, test_api_key, "Test Trader", 10'00'000'00});
    cfg.faults.enforce_rate_limits = o.rate_limits;
    sim = std::make_unique<sim::simulator>(cfg, market, real);
    auto s = sim->start();
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
    sim->run_in_thread();
  }

  sim_client api() { return sim_client(sim->ports().https, sim->certificate_pem()); }
  sim_client admin() { return sim_client(sim->ports().admin); }

  std::string totp_now() const {
    return *sim::totp_code(test_totp_secret, real.now_ns() / core::ns_per_s);
  }

  std::string login_body(const std::string& totp) const {
    return std::string(R"({"clientcode":")") + test_client + R"(","password":")" + test_pin +
           R"(","totp":")" + totp + "\"}";
  }

  // Logs c in and keeps its jwt; returns the login reply's data object text.
  void login(sim_client& c) {
    auto r = c.api_post("/rest/auth/angelbroking/user/v1/loginByPassword", login_body(totp_now()));
    REQUIRE(r.status == 200);
    simdjson::dom::element doc = parser.parse(r.body);
    REQUIRE(bool(doc["status"]) == true);
    c.jwt = std::string(std::string_view(doc["data"]["jwtToken"]));
  }

  simdjson::dom::element json(const std::string& text) {
    return parsers.emplace_back().parse(text);
  }

  core::virtual_clock market;
  core::virtual_clock real;
  std::unique_ptr<sim::simulator> sim;
  simdjson::dom::parser parser;
  std::deque<simdjson::dom::parser> parsers;  // each parsed document stays valid for the test
};

}  // namespace strike::test
