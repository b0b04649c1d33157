// The status endpoint over real TCP on 127.0.0.1: its pages, its refusals, and its limits
// (concurrent connections, silent clients, oversized requests).
#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "daemon/status_pages.hpp"
#include "tests/ops/http_test_client.hpp"
#include "tests/ops/prometheus_text.hpp"
#include "tests/ops/running_status_server.hpp"
#include "tests/ops/sample_state.hpp"

using namespace strike;
using namespace std::chrono_literals;
using boost::beast::http::verb;

namespace {

// The daemon's pages over a sample state; healthy is read on the reactor thread.
struct pages {
  test::sample_daemon d;
  bool healthy = true;

  daemon::status_server::handler handler() {
    daemon::page_sources sources;
    sources.health = [this] {
      return daemon::health_page{healthy, healthy ? R"({"ready":true})" : R"({"ready":false})"};
    };
    sources.metrics = [this] { return d.render(); };
    return daemon::status_pages(std::move(sources));
  }
};

daemon::status_server_options options(std::size_t max_connections = 16,
                                      std::chrono::milliseconds timeout = 10s) {
  daemon::status_server_options o;
  o.max_connections = max_connections;
  o.io_timeout = timeout;
  return o;
}

// Repeats probe until it holds or the deadline passes (the server acts on its own thread).
template <class F>
bool eventually(F probe) {
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < deadline)
    if (probe()) return true;
  return false;
}

}  // namespace

TEST_CASE(
    "GET /healthz and /metrics are served on one kept-alive connection with their content types") {
  pages p;
  test::running_status_server server(options(), p.handler());
  test::http_test_client client(server.port());
  REQUIRE(client.connected());

  auto health = client.request("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(health->content_type == "application/json");
  CHECK(health->body == "{\"ready\":true}\n");
  CHECK(health->keep_alive);

  auto metrics = client.request("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 200);
  CHECK(metrics->content_type == "text/plain; version=0.0.4; charset=utf-8");
  CHECK(metrics->body == p.d.render());
  CHECK_NOTHROW(test::prometheus::parse(metrics->body));

  auto with_query = client.request("/metrics?name[]=strike_ready");
  REQUIRE(with_query);
  CHECK(with_query->status == 200);
}

TEST_CASE("/healthz answers 503 while the daemon is not healthy") {
  pages p;
  p.healthy = false;
  test::running_status_server server(options(), p.handler());
  test::http_test_client client(server.port());
  auto health = client.request("/healthz");
  REQUIRE(health);
  CHECK(health->status == 503);
  CHECK(health->body == "{\"ready\":false}\n");
}

TEST_CASE("an unknown path is 404 and the connection stays usable") {
  pages p;
  test::running_status_server server(options(), p.handler());
  test::http_test_client client(server.port());
  for (const char* path : {"/", "/healthz/", "/metric", "/../etc/passwd"}) {
    auto r = client.request(path);
    REQUIRE(r);
    CHECK_MESSAGE(r->status == 404, path);
  }
  auto ok = client.request("/healthz");
  REQUIRE(ok);
  CHECK(ok->status == 200);
}

TEST_CASE("methods other than GET are 405 with Allow: GET, and the handler never sees them") {
  int calls = 0;
  test::running_status_server server(options(), [&calls](const daemon::status_request&) {
    ++calls;
    return daemon::status_response{200, "text/plain", "seen\n", {}};
  });
  test::http_test_client client(server.port());
  for (verb method :
       {verb::post, verb::put, verb::delete_, verb::head, verb::options, verb::patch}) {
    auto r = client.request("/metrics", method, method == verb::post ? "x=1" : "");
    REQUIRE_MESSAGE(r, boost::beast::http::to_string(method));
    CHECK(r->status == 405);
    CHECK(r->allow == "GET");
  }
  CHECK(server.on_reactor([&calls] { return calls; }) == 0);
}

TEST_CASE("a handler that throws gets the client a 500, and the server keeps serving") {
  test::running_status_server server(
      options(), [](const daemon::status_request& r) -> daemon::status_response {
        if (r.path == "/boom") throw std::runtime_error("broken page");
        return {200, "text/plain", "fine\n", {}};
      });
  test::http_test_client client(server.port());
  auto boom = client.request("/boom");
  REQUIRE(boom);
  CHECK(boom->status == 500);
  CHECK(boom->body.find("broken page") == std::string::npos);
  auto fine = client.request("/fine");
  REQUIRE(fine);
  CHECK(fine->body == "fine\n");
}

TEST_CASE("many concurrent clients, each on a kept-alive connection, are all served") {
  pages p;
  test::running_status_server server(options(64), p.handler());
  const std::string expected_metrics = p.d.render();
  constexpr int clients = 48, requests = 20;
  std::atomic<int> served{0}, wrong{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      test::http_test_client client(server.port());
      for (int i = 0; i < requests; ++i) {
        const bool metrics = (i + c) % 2 == 0;
        auto r = client.request(metrics ? "/metrics" : "/healthz");
        if (!r) return;
        ++served;
        if (r->status != 200 || (metrics && r->body != expected_metrics)) ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(served == clients * requests);
  CHECK(wrong == 0);
  CHECK(eventually([&] { return server.connections() == 0; }));
}

TEST_CASE(
    "a client that connects and stays silent is closed after the timeout, and does not block "
    "others") {
  pages p;
  test::running_status_server server(options(16, 300ms), p.handler());
  test::http_test_client silent(server.port());
  REQUIRE(silent.connected());
  test::http_test_client other(server.port());
  auto r = other.request("/healthz");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(silent.closed_by_server());
  // An idle kept-alive connection is closed the same way.
  CHECK(other.closed_by_server());
  CHECK(eventually([&] { return server.connections() == 0; }));
}

TEST_CASE(
    "beyond max_connections a connection is answered 503 at once, and a freed slot serves again") {
  pages p;
  test::running_status_server server(options(2), p.handler());
  test::http_test_client first(server.port()), second(server.port());
  REQUIRE(first.request("/healthz"));
  REQUIRE(second.request("/healthz"));  // both admitted and now idle in keep-alive
  REQUIRE(server.connections() == 2);

  test::http_test_client third(server.port());
  auto refused = third.read_reply();  // without sending anything: the server does not wait
  REQUIRE(refused);
  CHECK(refused->status == 503);
  CHECK_FALSE(refused->keep_alive);
  CHECK(third.closed_by_server());
  CHECK(server.connections() == 2);

  first.close();
  CHECK(eventually([&] {
    test::http_test_client next(server.port());
    auto r = next.request("/healthz");
    return r && r->status == 200;
  }));
}

TEST_CASE("a request larger than the limit closes the connection unanswered") {
  pages p;
  auto o = options();
  o.max_request_bytes = 1024;
  test::running_status_server server(o, p.handler());
  {
    test::http_test_client client(server.port());
    CHECK_FALSE(client.request("/healthz", verb::get, "", std::string(2000, 'h')));
  }
  {
    test::http_test_client client(server.port());
    CHECK_FALSE(client.request("/healthz", verb::post, std::string(2000, 'b')));
  }
  test::http_test_client client(server.port());
  REQUIRE(client.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n" + std::string(4000, 'A')));
  CHECK(client.closed_by_server());
  test::http_test_client small(server.port());
  auto r = small.request("/healthz", verb::get, "", std::string(500, 'h'));
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("garbage instead of HTTP closes the connection") {
  pages p;
  test::running_status_server server(options(), p.handler());
  test::http_test_client client(server.port());
  REQUIRE(client.send_raw("\x16\x03\x01 not http at all\r\n\r\n"));
  CHECK(client.closed_by_server());
}

TEST_CASE("port 0 binds a free port, and a port in use is refused with the address") {
  pages p;
  test::running_status_server first(options(), p.handler());
  CHECK(first.port() != 0);

  boost::asio::io_context io;
  auto o = options();
  o.port = first.port();
  daemon::status_server second(io, o, p.handler());
  auto bound = second.listen();
  REQUIRE_FALSE(bound);
  CHECK(bound.error().message.find("bind 127.0.0.1:" + std::to_string(first.port())) !=
        std::string::npos);

  o.address = "localhost";
  daemon::status_server named(io, o, p.handler());
  CHECK_FALSE(named.listen());
}

TEST_CASE("close() ends open connections and stops accepting") {
  pages p;
  test::running_status_server server(options(), p.handler());
  test::http_test_client idle(server.port());
  REQUIRE(idle.request("/healthz"));
  server.close();
  CHECK(idle.closed_by_server());
  test::http_test_client late(server.port());
  CHECK_FALSE(late.connected());
}
