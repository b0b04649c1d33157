// Replies the simulator never sends — malformed JSON, missing envelopes, nonsense values —
// served by a canned TLS server: each is a typed error, never a crash.
#include <doctest/doctest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "base/file_io.hpp"
#include "brokers/angelone/client.hpp"
#include "brokers/broker_error.hpp"
#include "tests/brokers/canned_server.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using events::failure_kind;
using test::canned_reply;

namespace {

constexpr const char* login_ok =
    R"({"status":true,"message":"SUCCESS","errorcode":"","data":{"jwtToken":"jwt.a.b","refreshToken":"ref.a.b","feedToken":"feed.a.b"}})";

struct fixture {
  test::temp_dir dir;
  test::canned_server server;
  boost::asio::io_context io;
  core::virtual_clock clock{1'767'600'000LL * core::ns_per_s};
  brokers::virtual_timekeeper time{clock};
  std::vector<events::payload> events;
  std::unique_ptr<brokers::angelone::client> client;

  fixture() {
    REQUIRE(base::write_file_atomic(dir / "ca.pem", server.certificate_pem(), 0644).ok());
    brokers::angelone::client_settings s;
    s.base_url = "https://127.0.0.1:" + std::to_string(server.port());
    s.ca_file = dir / "ca.pem";
    s.instruments.url = s.base_url + "/master.json";
    s.api.jitter_seed = 3;
    auto made = brokers::angelone::client::create(
        io.get_executor(), time, s, {"C1", "1234", "JBSWY3DPEHPK3PXP", "key-abcdef"},
        [this](events::payload p) { events.push_back(p); });
    REQUIRE(made.ok());
    client = std::move(*made);
    server.push({200, login_ok});
  }
  ~fixture() {
    client->shutdown();
    io.run_for(std::chrono::seconds(2));
  }

  template <class T>
  T run(boost::asio::awaitable<T> op) {
    std::optional<T> out;
    auto wrapped = [](boost::asio::awaitable<T> inner) -> boost::asio::awaitable<std::optional<T>> {
      co_return co_await std::move(inner);
    };
    boost::asio::co_spawn(io, wrapped(std::move(op)),
                          [&](std::exception_ptr e, std::optional<T> v) {
                            if (e) std::rethrow_exception(e);
                            out = std::move(v);
                          });
    io.restart();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!out && std::chrono::steady_clock::now() < deadline) io.run_one_until(deadline);
    REQUIRE(out.has_value());
    return std::move(*out);
  }
};

}  // namespace

TEST_CASE("Malformed JSON in a reply is a bad_response error and is not retried") {
  fixture f;
  f.server.push({200, R"({"status":true,"data":[{"orderid":)"});
  auto book = f.run(f.client->order_book());
  REQUIRE_FALSE(book.ok());
  CHECK(brokers::failure_of(book.error()) == failure_kind::bad_response);
  CHECK(book.error().message.rfind("getOrderBook: bad_response:", 0) == 0);
  CHECK(f.server.requests() == 2);  // the login and one order book
}

TEST_CASE("A reply without the SmartAPI envelope is a bad_response error") {
  fixture f;
  f.server.push({200, R"({"orders":[]})"});
  auto funds = f.run(f.client->funds());
  REQUIRE_FALSE(funds.ok());
  CHECK(brokers::failure_of(funds.error()) == failure_kind::bad_response);
}

TEST_CASE("A value that cannot mean what its field means is a bad_response naming the field") {
  fixture f;
  f.server.push(
      {200,
       R"({"status":true,"message":"SUCCESS","errorcode":"","data":[{"orderid":"1","quantity":"many"}]})"});
  auto book = f.run(f.client->order_book());
  REQUIRE_FALSE(book.ok());
  CHECK(brokers::failure_of(book.error()) == failure_kind::bad_response);
  CHECK(book.error().message.find("quantity") != std::string::npos);
  // Reported like any failed request.
  bool reported = false;
  for (const auto& e : f.events)
    if (auto* r = std::get_if<events::broker_request_failed>(&e))
      reported |= r->endpoint == "getOrderBook" && r->kind == failure_kind::bad_response;
  CHECK(reported);
}

TEST_CASE("Success flags spelt as the gateway does, and data of the wrong shape, are handled") {
  fixture f;
  f.server.push(
      {200, R"({"success":true,"message":"SUCCESS","errorCode":"","data":{"ltp":"191.5"}})"});
  auto ltp = f.run(f.client->last_price("NSE:3045", "SBIN-EQ"));
  REQUIRE(ltp.ok());
  CHECK(*ltp == 19150);
  f.server.push(
      {200, R"({"status":true,"message":"SUCCESS","errorcode":"","data":"not an object"})"});
  auto funds = f.run(f.client->funds());
  REQUIRE_FALSE(funds.ok());
  CHECK(brokers::failure_of(funds.error()) == failure_kind::bad_response);
}

TEST_CASE("An HTML 502 from a proxy is a server error and is retried") {
  fixture f;
  f.server.push({502, "<html><body>Bad Gateway</body></html>", "text/html"});
  f.server.push({200, R"({"status":true,"message":"SUCCESS","errorcode":"","data":null})"});
  auto positions = f.run(f.client->positions());
  REQUIRE(positions.ok());
  CHECK(positions->empty());
  CHECK(f.server.requests() == 3);
}

TEST_CASE("An application error names the broker's code and is a rejection") {
  fixture f;
  f.server.push(
      {200,
       R"({"status":false,"message":"Invalid Order Variety","errorcode":"AB1008","data":null})"});
  auto cancelled = f.run(f.client->cancel_order({"1", events::order_type::limit}));
  REQUIRE_FALSE(cancelled.ok());
  CHECK(brokers::failure_of(cancelled.error()) == failure_kind::rejected);
  CHECK(cancelled.error().message == "cancelOrder: rejected: AB1008 Invalid Order Variety");
}
