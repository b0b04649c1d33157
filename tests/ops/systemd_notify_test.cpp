// systemd's notification protocol against a real notify socket: READY=1 once the daemon has
// started, WATCHDOG=1 well within WATCHDOG_USEC, STOPPING=1 on SIGTERM; and a reactor that stops
// turning stops the pings, so systemd's watchdog (played here by the test: SIGABRT once a
// whole interval passes without a ping, as WatchdogSignal does by default) takes the daemon
// down.
#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace std::chrono_literals;

namespace notify_cases {

using steady = std::chrono::steady_clock;

struct note {
  steady::time_point at;
  std::string text;
};

class notify_socket {
 public:
  explicit notify_socket(const std::filesystem::path& path) : path_(path.string()) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    REQUIRE(path_.size() < sizeof addr.sun_path);
    std::copy(path_.begin(), path_.end(), addr.sun_path);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    timeval limit{0, 50'000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  }
  ~notify_socket() { ::close(fd_); }
  const std::string& path() const { return path_; }

  // The next datagram, or nothing within 50 ms.
  std::optional<note> next() {
    char buf[4096];
    const auto n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return std::nullopt;
    return note{steady::now(), std::string(buf, static_cast<std::size_t>(n))};
  }

 private:
  std::string path_;
  int fd_ = -1;
};

std::filesystem::path write_config(const test::temp_dir& dir) {
  const auto p = dir / "config.toml";
  std::ofstream(p) << "[daemon]\nstate_dir = \"state\"\nlog_dir = \"log\"\nheartbeat_ms = 100\n"
                   << "trading = false\n[status]\nenabled = false\n";
  return p;
}

}  // namespace notify_cases

using namespace notify_cases;

TEST_CASE("systemd hears READY once started, watchdog pings well within the interval, STOPPING") {
  test::temp_dir dir;
  notify_socket sock(dir / "notify");
  test::child_process d(STRIKED_PATH, {"run", "--config", write_config(dir).string()},
                        {"NOTIFY_SOCKET=" + sock.path(), "WATCHDOG_USEC=2000000"});
  std::vector<note> notes;
  const auto until = steady::now() + 20s;
  std::optional<steady::time_point> ready;
  while (steady::now() < until && (!ready || steady::now() < *ready + 2s))
    if (auto n = sock.next()) {
      notes.push_back(*n);
      if (n->text == "READY=1") ready = n->at;
    }
  REQUIRE(ready);
  // Ready only after the journal holds the start.
  CHECK(std::filesystem::file_size(dir / "state/events.jsonl") > 0);
  int pings = 0;
  std::optional<steady::time_point> last;
  for (const auto& n : notes) {
    if (n.text != "WATCHDOG=1") continue;
    ++pings;
    if (last) CHECK(n.at - *last < 1000ms);  // half of WATCHDOG_USEC, as systemd advises
    last = n.at;
  }
  CHECK(pings >= 10);

  d.signal(SIGTERM);
  bool stopping = false;
  const auto by = steady::now() + 20s;
  while (!stopping && steady::now() < by)
    if (auto n = sock.next()) stopping = n->text == "STOPPING=1";
  CHECK(stopping);
  CHECK(d.wait_exit(20s) == 0);
}

TEST_CASE("a stuck reactor stops the watchdog pings, and the watchdog takes the daemon down") {
  test::temp_dir dir;
  notify_socket sock(dir / "notify");
  // The 20th heartbeat (about 2 s in) never returns.
  test::child_process d(STRIKED_PATH, {"run", "--config", write_config(dir).string()},
                        {"NOTIFY_SOCKET=" + sock.path(), "WATCHDOG_USEC=2000000",
                         "STRIKE_FAILPOINTS=reactor.stall=20"});
  const auto interval = 2000ms;
  bool ready = false;
  int pings = 0;
  auto last_ping = steady::now();
  const auto give_up = steady::now() + 30s;
  bool fired = false;
  while (steady::now() < give_up) {
    if (auto n = sock.next()) {
      ready = ready || n->text == "READY=1";
      if (n->text == "WATCHDOG=1") {
        ++pings;
        last_ping = n->at;
      }
    }
    if (ready && pings > 0 && steady::now() - last_ping > interval) {
      d.signal(SIGABRT);
      fired = true;
      break;
    }
  }
  REQUIRE(fired);
  CHECK(ready);
  CHECK(pings >= 15);
  CHECK(pings <= 20);
  CHECK(d.wait_exit(20s) == 128 + SIGABRT);
}
