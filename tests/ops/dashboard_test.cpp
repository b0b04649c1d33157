// The dashboard: the page, the state and the live event stream a running daemon serves, and the
// bearer token a remote one demands (401 without it, a browser's cookie from /?token=, and a
// daemon that will not start remote without a token). Raw HTTP over loopback, as a browser
// or curl talks to it.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <simdjson.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/ops/running_status_server.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/status_port.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace std::chrono_literals;

namespace dashboard_cases {

// Sends request (a whole HTTP/1.1 request) and reads until the server closes, `until` appears,
// or 10 s pass; returns what was read.
std::string exchange(std::uint16_t port, const std::string& request,
                     const std::string& until = "") {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  timeval limit{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0);
  REQUIRE(::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
  std::string got;
  char buf[4096];
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
    if (!until.empty() && got.find(until) != std::string::npos) break;
  }
  ::close(fd);
  return got;
}

std::string get(std::uint16_t port, const std::string& target, const std::string& headers = "",
                const std::string& until = "") {
  return exchange(
      port,
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n",
      until);
}

int status_of(const std::string& reply) {
  return reply.size() > 12 ? std::stoi(reply.substr(9, 3)) : 0;
}

std::string body_of(const std::string& reply) {
  const auto end = reply.find("\r\n\r\n");
  return end == std::string::npos ? "" : reply.substr(end + 4);
}

struct daemon_run {
  test::temp_dir dir;
  std::unique_ptr<test::child_process> process;
  std::uint16_t port = 0;

  explicit daemon_run(const std::string& status_extra) {
    std::ofstream(dir / "config.toml")
        << "[daemon]\nstate_dir = \"state\"\nlog_dir = \"log\"\nheartbeat_ms = 100\n"
        << "trading = false\n\n[status]\nport = 0\n"
        << status_extra;
    process = std::make_unique<test::child_process>(
        STRIKED_PATH, std::vector<std::string>{"run", "--config", (dir / "config.toml").string()});
  }
  void started() {
    port = test::status_port_of(*process, 20s);
    REQUIRE(port != 0);
    REQUIRE(process->wait_for_stderr("running", 20s));
  }
  ~daemon_run() {
    if (!process->wait_exit(0ms)) {
      process->signal(SIGTERM);
      CHECK(process->wait_exit(20s) == 0);
    }
  }
};

}  // namespace dashboard_cases

using namespace dashboard_cases;

TEST_CASE("with a bearer token only requests carrying it are served, or a browser's cookie") {
  daemon::status_server_options o;
  o.bearer_token = "s3cret-token";
  test::running_status_server server(o, [](const daemon::status_request& r) {
    return daemon::status_response{200, "text/plain", "page " + std::string(r.path) + "\n", {}};
  });
  const auto none = get(server.port(), "/healthz");
  CHECK(status_of(none) == 401);
  CHECK(none.find("WWW-Authenticate: Bearer") != std::string::npos);
  CHECK(status_of(get(server.port(), "/healthz", "Authorization: Bearer s3cret-tokeN\r\n")) == 401);
  CHECK(status_of(get(server.port(), "/healthz", "Authorization: Bearer s3cret\r\n")) == 401);
  const auto good = get(server.port(), "/healthz", "Authorization: Bearer s3cret-token\r\n");
  CHECK(status_of(good) == 200);
  CHECK(body_of(good) == "page /healthz\n");

  // A browser cannot send the header: the token in the address once, then a cookie.
  CHECK(status_of(get(server.port(), "/?token=wrong")) == 401);
  CHECK(status_of(get(server.port(), "/healthz?token=s3cret-token")) == 401);
  const auto first = get(server.port(), "/?token=s3cret-token");
  CHECK(status_of(first) == 303);
  CHECK(first.find("Location: /\r\n") != std::string::npos);
  CHECK(first.find("Set-Cookie: strike_token=s3cret-token; Path=/; HttpOnly; SameSite=Strict") !=
        std::string::npos);
  CHECK(status_of(get(server.port(), "/", "Cookie: theme=dark; strike_token=s3cret-token\r\n")) ==
        200);
  CHECK(status_of(get(server.port(), "/", "Cookie: strike_token=other\r\n")) == 401);
}

TEST_CASE("a stream answer is written as its source grows, until the client goes") {
  daemon::status_server_options o;
  o.stream_poll = 20ms;
  test::running_status_server server(o, [](const daemon::status_request&) {
    return daemon::status_response{200, "text/event-stream", "retry: 1000\n\n", [n = 0]() mutable {
                                     ++n;
                                     return n % 2 ? "data: " + std::to_string(n) + "\n\n"
                                                  : std::string();
                                   }};
  });
  const auto got = get(server.port(), "/events", "", "data: 7\n\n");
  CHECK(status_of(got) == 200);
  CHECK(got.find("Content-Type: text/event-stream") != std::string::npos);
  CHECK(body_of(got).starts_with("retry: 1000\n\ndata: 1\n\ndata: 3\n\ndata: 5\n\ndata: 7\n\n"));
  // The server is closed with the stream's client gone: the destructor joins the reactor.
}

TEST_CASE("a running daemon serves the dashboard, its state and a live stream of its journal") {
  daemon_run d("");
  d.started();
  const auto page = get(d.port, "/");
  CHECK(status_of(page) == 200);
  CHECK(page.find("Content-Type: text/html; charset=utf-8") != std::string::npos);
  const auto html = body_of(page);
  CHECK(html.find("<title>Strike</title>") != std::string::npos);
  // Everything inline: nothing is fetched from anywhere but the daemon itself.
  for (const char* outside : {"http:", "https:", "src=", "href=", "@import", "url("})
    CHECK_MESSAGE(html.find(outside) == std::string::npos, outside);

  simdjson::dom::parser parser;
  const auto state = body_of(get(d.port, "/api/state"));
  simdjson::dom::element s = parser.parse(state);
  CHECK(bool(s["health"]["healthy"]));
  CHECK(int64_t(s["state"]["last_seq"]) >= 3);
  CHECK(int64_t(s["unrealized_paise"]) == 0);
  CHECK(simdjson::dom::array(s["positions"]).size() == 0);

  // The last events so far, then whatever is journaled next, only of the types asked for.
  const auto stream = get(d.port, "/events?type=DaemonStarted&n=5", "", "\"DaemonStarted\"");
  CHECK(status_of(stream) == 200);
  const auto events = body_of(stream);
  CHECK(events.find("id: 1\ndata: {\"seq\":1,") != std::string::npos);
  CHECK(events.find("\"type\":\"DaemonStarted\"") != std::string::npos);
  std::istringstream lines(events);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("data: "))
      CHECK(line.find("\"type\":\"DaemonStarted\"") != std::string::npos);
}

TEST_CASE(
    "a remote dashboard will not start without a token, and with one refuses requests without it") {
  {
    daemon_run refused("allow_remote = true\n");
    CHECK(refused.process->wait_exit(20s) == 2);
    CHECK(refused.process->drain_stderr().find(
              "status.token: allow_remote = true needs a bearer token") != std::string::npos);
  }
  const std::string token = "0123456789abcdef-remote-token";
  daemon_run d("allow_remote = true\ntoken = \"file:token.txt\"\n");
  std::ofstream(d.dir / "token.txt") << token << "\n";
  d.started();
  CHECK(status_of(get(d.port, "/healthz")) == 401);
  CHECK(status_of(get(d.port, "/api/state")) == 401);
  CHECK(status_of(get(d.port, "/healthz", "Authorization: Bearer " + token + "\r\n")) == 200);
  const auto page = get(d.port, "/", "Authorization: Bearer " + token + "\r\n");
  CHECK(status_of(page) == 200);
  CHECK(page.find(token) == std::string::npos);  // the page never shows it
  d.process->signal(SIGTERM);
  CHECK(d.process->wait_exit(20s) == 0);
  // Nor does the log or the journal.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(d.dir.path())) {
    if (!entry.is_regular_file() || entry.path().filename() == "token.txt" ||
        entry.path().filename() == "config.toml")
      continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream all;
    all << in.rdbuf();
    CHECK_MESSAGE(all.str().find(token) == std::string::npos, entry.path().string());
  }
}
