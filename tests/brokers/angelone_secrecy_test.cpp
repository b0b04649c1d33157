// Secrets — PIN, TOTP secret, TOTP codes, API key, client code and every session token — never
// appear in the log, in the events the client reports (as the journal would write them), or in
// error messages, through logins good and bad, refreshes, expiry, failures and logout.
#include <doctest/doctest.h>

#include "brokers/angelone/totp.hpp"
#include "events/codec.hpp"
#include "tests/brokers/sim_harness.hpp"

using namespace strike;
using namespace strike::test;

TEST_CASE("No secret reaches the log, the journal or an error message") {
  sim_harness h;
  std::vector<std::string> tokens;
  h.client->on_session_change([&](const brokers::session_info&) {
    const auto& t = h.client->angel_session().tokens();
    for (const auto* s : {&t.jwt, &t.refresh, &t.feed})
      if (!s->empty()) tokens.push_back(*s);
  });
  std::vector<std::string> errors;
  auto note = [&](const auto& r) {
    if (!r.ok()) errors.push_back(r.error().message);
  };
  const auto start = h.real.now_ns();

  // A good login, a refresh, an expired session, failures of several kinds, orders, logout.
  note(h.run(h.client->ensure_session()));
  note(h.run(h.client->profile()));
  h.real.advance_to(h.client->session().valid_until_ns - 60 * core::ns_per_s);
  note(h.run(h.client->ensure_session()));
  REQUIRE(h.admin("POST", "/admin/expire-tokens").status == 200);
  note(h.run(h.client->funds()));
  h.faults(R"({"error_next":2,"endpoints":["getPosition"]})");
  note(h.run(h.client->positions()));
  h.faults(R"({"empty_order_reply_next":1,"endpoints":[]})");
  auto index = h.run(h.client->instruments());
  REQUIRE(index.ok());
  const auto* option = (*index)->find_option("NIFTY", {2026, 1, 13}, 2'600'000, brokers::option_right::call);
  REQUIRE(option != nullptr);
  brokers::order_request order;
  order.instrument = option->id();
  order.symbol = option->symbol;
  order.type = events::order_type::market;
  order.qty = option->lot_size;
  order.tag = "secret-test";
  note(h.run(h.client->place_order(order)));
  order.symbol = "WRONG";
  note(h.run(h.client->place_order(order)));
  note(h.run(h.client->logout()));

  // Logins that fail: a wrong PIN and a wrong TOTP secret.
  auto bad_pin = h.creds();
  bad_pin.pin = "5193";
  auto c1 = h.make_client({}, bad_pin);
  note(h.run(c1->ensure_session()));
  c1->shutdown();
  auto bad_totp = h.creds();
  bad_totp.totp_secret = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";
  h.real.advance_by(2 * core::ns_per_s);
  auto c2 = h.make_client({}, bad_totp);
  note(h.run(c2->ensure_session()));
  c2->shutdown();

  REQUIRE(errors.size() >= 3);  // the rejected order and the two failed logins at least
  REQUIRE(tokens.size() >= 6);  // login, refresh and the login after expiry

  std::vector<std::string> secrets{sim_pin, sim_totp_secret, sim_api_key, sim_client_code, "5193",
                                   "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"};
  for (auto t = start - 30 * core::ns_per_s; t <= h.real.now_ns() + 30 * core::ns_per_s; t += 30 * core::ns_per_s) {
    secrets.push_back(*brokers::angelone::totp_code(sim_totp_secret, t / core::ns_per_s));
    secrets.push_back(*brokers::angelone::totp_code("MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U", t / core::ns_per_s));
  }
  secrets.insert(secrets.end(), tokens.begin(), tokens.end());

  std::string journal;
  std::int64_t seq = 0;
  for (const auto& p : h.events) {
    events::event e{events::envelope{++seq, 0, "", 0, ""}, p};
    events::encode(e, journal);
    journal.push_back('\n');
  }
  std::string all_errors;
  for (const auto& e : errors) all_errors += e + "\n";
  const std::string log = h.log_text();
  REQUIRE_FALSE(log.empty());
  REQUIRE(journal.find("AuthFailed") != std::string::npos);
  REQUIRE(journal.find("BrokerRequestFailed") != std::string::npos);

  for (const auto& secret : secrets) {
    CHECK_MESSAGE(log.find(secret) == std::string::npos, "log holds a secret");
    CHECK_MESSAGE(journal.find(secret) == std::string::npos, "journal holds a secret");
    CHECK_MESSAGE(all_errors.find(secret) == std::string::npos, "an error holds a secret");
  }
}
