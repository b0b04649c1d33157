// A real full disk: the state directory is a small tmpfs, filled during a trading day. Below
// min_free_mb new entries halt and /healthz says the disk is low; when not a byte is left the
// journal's next write fails and the daemon stops fail-closed (exit code 4), and the journal
// still reads back to its last event, every one acknowledged before the failure.
#include <sys/mount.h>

#include <cerrno>
#include <cstring>

#include "tests/e2e/e2e_fixture.hpp"

using namespace strike;
using namespace std::chrono_literals;
namespace ev = strike::events;

namespace full_disk_cases {

// A tmpfs of `mb` megabytes mounted at dir for the guard's life.
struct tmpfs_mount {
  std::filesystem::path dir;
  bool mounted = false;
  std::string why_not;
  tmpfs_mount(std::filesystem::path at, int mb) : dir(std::move(at)) {
    std::filesystem::create_directories(dir);
    const std::string options = "size=" + std::to_string(mb) + "m";
    mounted = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) == 0;
    if (!mounted) why_not = std::strerror(errno);
  }
  ~tmpfs_mount() {
    if (mounted) ::umount2(dir.c_str(), MNT_DETACH);
  }
};

// Writes filler files in dir until only about keep_mb megabytes are free (0: until full).
void fill(const std::filesystem::path& dir, int keep_mb, int& part) {
  const std::string block(1 << 16, 'x');
  for (;;) {
    const auto space = std::filesystem::space(dir);
    if (keep_mb > 0 && space.available <= static_cast<std::uintmax_t>(keep_mb) << 20) return;
    std::ofstream out(dir / ("filler-" + std::to_string(part++)), std::ios::binary);
    for (int i = 0; i < 16 && out; ++i) out.write(block.data(), block.size());
    if (!out) return;  // full
  }
}

}  // namespace full_disk_cases

using namespace full_disk_cases;

TEST_CASE(
    "a full disk halts entries, then stops the daemon fail-closed with its journal readable") {
  test::e2e_fixture f("2026-01-07T12:00:00+05:30", 60);
  tmpfs_mount disk(f.state(), 24);
  if (!disk.mounted) {
    MESSAGE("SKIP: cannot mount a tmpfs (needs root): " << disk.why_not);
    return;
  }
  {
    auto text = test::read_text(f.config());
    text.replace(text.find("[daemon]\n"), 9, "[daemon]\nmin_free_mb = 8\n");
    std::ofstream(f.config()) << text;
  }
  auto d = f.daemon();
  const auto port = test::status_port_of(*d, 30s);
  REQUIRE(port != 0);
  REQUIRE(f.wait_for_event("PositionOpened", 120s));

  int part = 0;
  fill(disk.dir, 4, part);
  REQUIRE(f.wait_for_event("TradingHalted", 30s));
  const auto health = test::plain_request(port, "GET", "/healthz");
  CHECK(health.status == 503);
  CHECK(health.body.find("\"low\":true") != std::string::npos);

  fill(disk.dir, 0, part);
  const auto code = d->wait_exit(120s);
  const auto log = d->drain_stderr();
  CAPTURE(log);
  const int exit_code = code.value_or(-1);  // -1: still running at the deadline
  CAPTURE(exit_code);
  REQUIRE(code == 4);
  CHECK(log.find("No space left on device") != std::string::npos);

  // Room again only to read: every event the journal holds is intact up to its last one.
  const auto events = f.journal();
  REQUIRE(!events.empty());
  bool halted_for_disk = false;
  for (const auto& e : events)
    if (const auto* h = std::get_if<ev::trading_halted>(&e.body))
      halted_for_disk = halted_for_disk || h->detail.find("free") != std::string::npos;
  CHECK(halted_for_disk);
  for (std::size_t i = 1; i < events.size(); ++i)
    CHECK(events[i].env.seq == events[i - 1].env.seq + 1);
}
