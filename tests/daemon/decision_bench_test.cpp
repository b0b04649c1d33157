// `striked bench decision` as a real process: it decides, its rehearsal between updates changes
// nothing it journals, with its memory locked the deciding thread takes no page fault, and each
// order reaches a loopback socket.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace {

const std::string striked_for_bench = STRIKED_PATH;

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

// A short run of the benchmark (150,000 ticks, one strike either side, its orders written to a
// loopback socket), its journal in dir/name; its figures as JSON.
std::string run_bench(const test::temp_dir& dir, const std::string& name,
                      const std::vector<std::string>& extra) {
  std::vector<std::string> argv{"bench",     "decision", "--ticks", "150000",
                                "--strikes", "1",        "--dir",   (dir / name).string(),
                                "--json"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto [code, out] = test::run_to_exit(striked_for_bench, argv);
  REQUIRE(code == 0);
  return out;
}

// One figure of one series in the benchmark's JSON ("count", "p50_ns", "max_ns", ...); -1 when
// it is not there.
long figure_of(const std::string& json, const std::string& series, const std::string& figure) {
  const auto at = json.find("\"" + series + "\":{");
  if (at == std::string::npos) return -1;
  const std::string name = "\"" + figure + "\":";
  const auto in = json.find(name, at);
  if (in == std::string::npos || in > json.find('}', at)) return -1;
  return std::stol(json.substr(in + name.size()));
}

long count_of(const std::string& json, const std::string& series) {
  return figure_of(json, series, "count");
}

}  // namespace

TEST_CASE("the decision benchmark decides, and journals the same with or without its rehearsal") {
  test::temp_dir dir;
  const std::string rehearsed = run_bench(dir, "rehearsed", {});
  const std::string plain = run_bench(dir, "plain", {"--no-rehearse"});
  CHECK(rehearsed.find("\"ticks\":150000,\"decisions\":0,") == std::string::npos);
  CHECK(count_of(rehearsed, "tick_to_intent") > 0);
  // Every decision is an entry or an exit, and the day has both.
  CHECK(count_of(rehearsed, "tick_to_entry") > 0);
  CHECK(count_of(rehearsed, "tick_to_exit") > 0);
  CHECK(count_of(rehearsed, "tick_to_entry") + count_of(rehearsed, "tick_to_exit") ==
        count_of(rehearsed, "tick_to_intent"));
  // Every order sent had its request built while its event waited for the disk.
  CHECK(count_of(rehearsed, "send") > 0);
  CHECK(count_of(rehearsed, "prepare") == count_of(rehearsed, "send"));
  const std::string journal = file_text(dir / "rehearsed" / "events.jsonl");
  CHECK(journal.find("\"type\":\"OrderIntent\"") != std::string::npos);
  CHECK(journal == file_text(dir / "plain" / "events.jsonl"));
}

TEST_CASE("with its memory locked the benchmark's deciding thread takes no page fault") {
  test::temp_dir dir;
  const std::string unlocked = run_bench(dir, "unlocked", {"--no-lock"});
  CHECK(unlocked.find("\"memory_locked\":false,") != std::string::npos);
  if (unlocked.find("\"page_faults\":-1") != std::string::npos) return;  // counting not allowed
  // Without the lock, new heap pages are faulted in on the path as the day's state grows.
  CHECK(unlocked.find("\"page_faults\":0,") == std::string::npos);
  const std::string locked = run_bench(dir, "locked", {});
  // Where it may lock (RLIMIT_MEMLOCK unlimited or CAP_IPC_LOCK, not under AddressSanitizer).
  if (locked.find("\"memory_locked\":true,") != std::string::npos)
    CHECK(locked.find("\"page_faults\":0,") != std::string::npos);
}

TEST_CASE(
    "each order reaches the loopback socket, and the kernel takes it before the send returns") {
  test::temp_dir dir;
  const std::string figures = run_bench(dir, "socket", {});
  const long sent = count_of(figures, "send");
  CHECK(sent > 0);
  CHECK(count_of(figures, "tick_to_wire") == sent);
  const long stamped = count_of(figures, "tick_to_device");
  if (stamped == 0) return;  // a kernel that does not stamp what it sends
  CHECK(stamped == sent);
  // The device's stamp of each request comes before its send returned, so every quantile of the
  // one is at most the same quantile of the other.
  for (const char* q : {"p50_ns", "p90_ns", "max_ns"}) {
    CHECK(figure_of(figures, "tick_to_device", q) > 0);
    CHECK(figure_of(figures, "tick_to_device", q) <= figure_of(figures, "tick_to_wire", q));
  }
}
