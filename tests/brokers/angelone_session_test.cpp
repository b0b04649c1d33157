// Login, refresh, expiry and logout of the Angel One client against the simulator.
#include <doctest/doctest.h>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "brokers/angelone/token_store.hpp"
#include "brokers/broker_error.hpp"
#include "tests/brokers/sim_harness.hpp"

using namespace strike;
using namespace strike::test;
using strike::events::failure_kind;

TEST_CASE("The client logs in with client code, PIN and TOTP and reads the profile") {
  sim_harness h;
  auto s = h.run(h.client->ensure_session());
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
  CHECK(s->active);
  CHECK(s->method == "login");
  // Valid until the next 00:00 IST after 2026-01-05 13:30 IST.
  CHECK(s->valid_until_ns == *sim::parse_iso_time("2026-01-06T00:00:00+05:30"));
  auto auth = h.events_of<events::authenticated>();
  REQUIRE(auth.size() == 1);
  CHECK(auth[0].broker == "angelone");
  CHECK(auth[0].method == "login");
  CHECK(auth[0].expires_at_ns == s->valid_until_ns);

  auto p = h.run(h.client->profile());
  REQUIRE(p.ok());
  CHECK(p->client_code == sim_client_code);
  CHECK(p->name == "Client Test");
}

TEST_CASE("A wrong TOTP secret fails the login with AuthFailed and an auth error") {
  sim_harness h;
  auto wrong = h.creds();
  wrong.totp_secret = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";
  auto c = h.make_client({}, wrong);
  auto s = h.run(c->ensure_session());
  REQUIRE_FALSE(s.ok());
  CHECK(brokers::failure_of(s.error()) == failure_kind::auth);
  CHECK(s.error().message.find("AB1050") != std::string::npos);
  auto failed = h.events_of<events::auth_failed>();
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].method == "login");
  CHECK(failed[0].code == "AB1050");
  CHECK(h.events_of<events::authenticated>().empty());
  c->shutdown();
}

TEST_CASE("A wrong PIN fails the login and the error names no secret") {
  sim_harness h;
  auto wrong = h.creds();
  wrong.pin = "1111";
  auto c = h.make_client({}, wrong);
  auto s = h.run(c->ensure_session());
  REQUIRE_FALSE(s.ok());
  CHECK(brokers::failure_of(s.error()) == failure_kind::auth);
  CHECK(s.error().message.find("1111") == std::string::npos);
  c->shutdown();
}

TEST_CASE("Tokens are kept in a 0600 file and reused by the next client while valid") {
  sim_harness h;
  REQUIRE(h.run(h.client->ensure_session()).ok());
  const auto file = h.dir / "tokens.json";
  REQUIRE(std::filesystem::exists(file));
  CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));

  auto second = h.make_client();
  auto s = h.run(second->ensure_session());
  REQUIRE(s.ok());
  CHECK(s->method == "stored");
  // The stored tokens work: no second login reached the simulator.
  CHECK(h.request_outcomes("loginByPassword").size() == 1);
  CHECK(h.run(second->funds()).ok());
  second->shutdown();
}

TEST_CASE("Stored tokens past their validity are not reused") {
  sim_harness h;
  REQUIRE(h.run(h.client->ensure_session()).ok());
  h.real.advance_by(11LL * 3600 * core::ns_per_s);  // past 00:00 IST
  auto second = h.make_client();
  auto s = h.run(second->ensure_session());
  REQUIRE(s.ok());
  CHECK(s->method == "login");
  second->shutdown();
}

TEST_CASE("Near the end of its validity the session is refreshed with the refresh token") {
  sim_harness h;
  auto first = h.run(h.client->ensure_session());
  REQUIRE(first.ok());
  const auto old_jwt = h.client->angel_session().tokens().jwt;
  std::vector<brokers::session_info> seen;
  h.client->on_session_change([&](const brokers::session_info& i) { seen.push_back(i); });
  h.real.advance_to(first->valid_until_ns - 5 * 60 * core::ns_per_s);
  auto s = h.run(h.client->ensure_session());
  REQUIRE(s.ok());
  CHECK(s->method == "refresh");
  CHECK(s->generation > first->generation);
  CHECK(h.client->angel_session().tokens().jwt != old_jwt);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].generation == s->generation);
  CHECK(h.events_of<events::authenticated>().back().method == "refresh");
  CHECK(h.run(h.client->positions()).ok());
}

TEST_CASE("An expired token is replaced (refresh, else login) and the request goes through") {
  sim_harness h;
  REQUIRE(h.run(h.client->ensure_session()).ok());
  REQUIRE(h.admin("POST", "/admin/expire-tokens").status == 200);
  auto book = h.run(h.client->order_book());
  REQUIRE_MESSAGE(book.ok(), (book.ok() ? "" : book.error().message));
  auto out = h.events_of<events::logged_out>();
  REQUIRE(out.size() >= 1);
  CHECK(out[0].reason == "invalid_token");
  // The ended session's refresh token is refused (AB8051), so a fresh login followed.
  auto failed = h.events_of<events::auth_failed>();
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].method == "refresh");
  CHECK(h.events_of<events::authenticated>().back().method == "login");
}

TEST_CASE("relogin always logs in afresh and moves the session generation on") {
  sim_harness h;
  auto first = h.run(h.client->ensure_session());
  REQUIRE(first.ok());
  h.real.advance_by(2 * core::ns_per_s);  // the login limit is one per second
  auto again = h.run(h.client->relogin());
  REQUIRE(again.ok());
  CHECK(again->method == "login");
  CHECK(again->generation > first->generation);
  CHECK(h.request_outcomes("loginByPassword").size() == 2);
}

TEST_CASE("Logout ends the session at the broker and forgets the token file") {
  sim_harness h;
  REQUIRE(h.run(h.client->ensure_session()).ok());
  REQUIRE(h.run(h.client->logout()).ok());
  CHECK_FALSE(h.client->session().active);
  CHECK_FALSE(std::filesystem::exists(h.dir / "tokens.json"));
  auto out = h.events_of<events::logged_out>();
  REQUIRE(out.size() == 1);
  CHECK(out[0].reason == "logout");
  CHECK(h.request_outcomes("logout") == std::vector<std::string>{"ok"});
}

TEST_CASE("Concurrent requests on a fresh client share one login") {
  sim_harness h;
  auto three = [](brokers::angelone::client& c) -> boost::asio::awaitable<int> {
    namespace asio = boost::asio;
    auto ex = co_await asio::this_coro::executor;
    int done = 0, ok = 0;
    asio::steady_timer all_done(ex, asio::steady_timer::time_point::max());
    auto funds = [](brokers::angelone::client& cl)
        -> asio::awaitable<std::optional<result<brokers::funds_info>>> {
      co_return co_await cl.funds();
    };
    for (int i = 0; i < 3; ++i)
      asio::co_spawn(ex, funds(c),
                     [&](std::exception_ptr, std::optional<result<brokers::funds_info>> r) {
                       ok += r && r->ok() ? 1 : 0;
                       if (++done == 3) all_done.cancel();
                     });
    boost::system::error_code ec;
    co_await all_done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    co_return ok;
  };
  CHECK(h.run(three(*h.client)) == 3);
  CHECK(h.request_outcomes("loginByPassword").size() == 1);
  CHECK(h.events_of<events::authenticated>().size() == 1);
}
