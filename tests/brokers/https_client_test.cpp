// The HTTPS client against a canned TLS server on loopback: keep-alive reuse, certificate and
// host-name verification, deadlines, and the failure classes that say whether a request may
// have been delivered.
#include <doctest/doctest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>

#include "base/file_io.hpp"
#include "brokers/http/https_client.hpp"
#include "brokers/http/tls_context.hpp"
#include "tests/brokers/canned_server.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/units.hpp"

using namespace strike;
using namespace strike::brokers;
using strike::test::canned_reply;
using strike::test::canned_server;

namespace {

using strike::test::units::s;
using strike::test::units::ms;

struct fixture {
  test::temp_dir dir;
  boost::asio::io_context io;

  std::unique_ptr<http::https_client> client_for(const std::string& url, const std::string& ca_pem,
                                                 http::client_options o = {}) {
    const auto ca = dir / ("ca-" + std::to_string(++cas) + ".pem");
    REQUIRE(base::write_file_atomic(ca, ca_pem, 0644).ok());
    auto tls = http::make_tls_context(ca);
    REQUIRE(tls.ok());
    auto u = http::parse_url(url);
    REQUIRE(u.ok());
    return std::make_unique<http::https_client>(io.get_executor(), *tls, *u, o);
  }

  result<http::response> send(http::https_client& c, http::request r,
                              std::int64_t timeout_ns = 5 * s) {
    std::optional<result<http::response>> out;
    auto op = [](http::https_client& cl, http::request req,
                 std::int64_t t) -> boost::asio::awaitable<std::optional<result<http::response>>> {
      co_return co_await cl.send(std::move(req), t);
    };
    boost::asio::co_spawn(io, op(c, std::move(r), timeout_ns),
                          [&](std::exception_ptr e, std::optional<result<http::response>> v) {
                            if (e) std::rethrow_exception(e);
                            out = std::move(v);
                          });
    io.restart();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!out && std::chrono::steady_clock::now() < deadline) io.run_one_until(deadline);
    REQUIRE(out.has_value());
    return std::move(*out);
  }

  int cas = 0;
};

http::request get(std::string target = "/x") {
  http::request r;
  r.target = std::move(target);
  r.idempotent = true;
  return r;
}

http::request post(std::string body) {
  http::request r;
  r.method = http::method::post;
  r.target = "/p";
  r.body = std::move(body);
  r.headers = {{"Content-Type", "application/json"}};
  return r;
}

std::string url(const std::string& host, std::uint16_t port) {
  return "https://" + host + ":" + std::to_string(port);
}

}  // namespace

TEST_CASE("Requests reuse one kept-alive TLS connection") {
  fixture f;
  canned_server server;
  auto c = f.client_for(url("127.0.0.1", server.port()), server.certificate_pem());
  for (int i = 0; i < 3; ++i) {
    server.push({200, "reply " + std::to_string(i)});
    auto r = f.send(*c, get());
    REQUIRE(r.ok());
    CHECK(r->status == 200);
    CHECK(r->body == "reply " + std::to_string(i));
    CHECK(r->reused_connection == (i > 0));
  }
  CHECK(server.connections() == 1);
  CHECK(c->stats().connections_opened == 1);
  CHECK(c->stats().reused == 2);
}

TEST_CASE("The host name localhost is checked against the certificate and accepted") {
  fixture f;
  canned_server server;
  auto c = f.client_for(url("localhost", server.port()), server.certificate_pem());
  auto r = f.send(*c, get());
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
}

TEST_CASE("A certificate from an untrusted issuer is refused before anything is sent") {
  fixture f;
  canned_server server, other;
  auto c = f.client_for(url("127.0.0.1", server.port()), other.certificate_pem());
  auto r = f.send(*c, post("{}"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == http::make_error_code(http::errc::tls_failed));
  CHECK(r.error().message.find("certificate verify failed") != std::string::npos);
  CHECK_FALSE(http::maybe_delivered(r.error()));
  CHECK(server.requests() == 0);
}

TEST_CASE("A certificate that does not name the host is refused") {
  fixture f;
  // Valid for 127.0.0.1 and localhost, served on 127.0.0.2.
  canned_server server("127.0.0.2");
  auto c = f.client_for(url("127.0.0.2", server.port()), server.certificate_pem());
  auto r = f.send(*c, get());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == http::make_error_code(http::errc::tls_failed));
  CHECK(server.requests() == 0);
}

TEST_CASE("A refused connection is a network failure that was never delivered") {
  fixture f;
  std::uint16_t port = 0;
  std::string pem;
  {
    canned_server gone;
    port = gone.port();
    pem = gone.certificate_pem();
  }
  auto c = f.client_for(url("127.0.0.1", port), pem);
  auto r = f.send(*c, post("{}"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == http::make_error_code(http::errc::connect_failed));
  CHECK(http::failure_kind_of(r.error()) == events::failure_kind::network);
  CHECK_FALSE(http::maybe_delivered(r.error()));
}

TEST_CASE("A reply later than the deadline is a timeout that may have been delivered") {
  fixture f;
  canned_server server;
  server.push({200, "late", "application/json", 600});
  auto c = f.client_for(url("127.0.0.1", server.port()), server.certificate_pem());
  auto r = f.send(*c, post("{}"), 150 * ms);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == http::make_error_code(http::errc::reply_timeout));
  CHECK(http::failure_kind_of(r.error()) == events::failure_kind::timeout);
  CHECK(http::maybe_delivered(r.error()));
}

TEST_CASE("A connection closed without a reply is lost and may have been delivered") {
  fixture f;
  canned_server server;
  server.push({200, "", "application/json", 0, true});
  auto c = f.client_for(url("127.0.0.1", server.port()), server.certificate_pem());
  auto r = f.send(*c, post("{}"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == http::make_error_code(http::errc::connection_lost));
  CHECK(http::maybe_delivered(r.error()));
}

TEST_CASE(
    "A GET on a reused connection that died is resent once on a fresh one, and a POST is not") {
  fixture f;
  canned_server server;
  auto c = f.client_for(url("127.0.0.1", server.port()), server.certificate_pem());
  server.push({200, "first"});
  REQUIRE(f.send(*c, get()).ok());
  server.push({200, "", "application/json", 0, true});  // closes the kept connection
  server.push({200, "second"});
  auto again = f.send(*c, get());
  REQUIRE(again.ok());
  CHECK(again->body == "second");
  CHECK(c->stats().stale_retries == 1);

  server.push({200, "", "application/json", 0, true});
  auto posted = f.send(*c, post("{}"));
  REQUIRE_FALSE(posted.ok());
  CHECK(posted.error().code == http::make_error_code(http::errc::connection_lost));
}

TEST_CASE("A body over the limit is a bad reply") {
  fixture f;
  canned_server server;
  server.push({200, std::string(4096, 'x')});
  http::client_options o;
  o.body_limit = 1024;
  auto c = f.client_for(url("127.0.0.1", server.port()), server.certificate_pem(), o);
  auto r = f.send(*c, get());
  REQUIRE_FALSE(r.ok());
  CHECK(http::failure_kind_of(r.error()) == events::failure_kind::bad_response);
}

TEST_CASE("URLs must be https with a host and a valid port") {
  CHECK(http::parse_url("https://127.0.0.1:8443").ok());
  CHECK(http::parse_url("https://127.0.0.1:8443")->port == 8443);
  CHECK(http::parse_url("https://example.com/a/b")->path == "/a/b");
  CHECK(http::parse_url("https://[::1]:9/")->host == "::1");
  CHECK_FALSE(http::parse_url("http://127.0.0.1:8443").ok());
  CHECK_FALSE(http::parse_url("https://:8443").ok());
  CHECK_FALSE(http::parse_url("https://h:99999").ok());
}

TEST_CASE("There is no TLS context without verification: a missing CA file is an error") {
  auto tls = http::make_tls_context("/nonexistent/ca.pem");
  REQUIRE_FALSE(tls.ok());
  CHECK(tls.error().message.find("ca_file") != std::string::npos);
}
