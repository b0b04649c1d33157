#include <doctest/doctest.h>

#include <fstream>
#include <numeric>

#include "storage/bar_files.hpp"
#include "storage/bar_store.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using core::market::bar;
namespace ev = strike::events;

namespace {

bar minute_bar(std::int64_t i) {
  const std::int64_t start =
      core::ist_time_ns({2025, 10, 20}, 9 * 60 + 15) + i * core::ns_per_minute;
  return {start, 100 + i, 110 + i, 90 + i, 105 + i, 10 * i, 0};
}

std::vector<std::int64_t> starts(const storage::bar_view& v) {
  std::vector<std::int64_t> out;
  for (const auto& b : v) out.push_back(b.start_ns);
  return out;
}

}  // namespace

TEST_CASE("a ring keeps the newest bars and drops the oldest when full") {
  storage::bar_ring ring(3);
  for (int i = 0; i < 5; ++i) CHECK(ring.push(minute_bar(i)));
  CHECK(ring.size() == 3);
  CHECK(ring.back() == minute_bar(4));
  CHECK(starts(ring.all()) ==
        std::vector{minute_bar(2).start_ns, minute_bar(3).start_ns, minute_bar(4).start_ns});
}

TEST_CASE("the last N bars are two spans into the ring, oldest first, without copying") {
  storage::bar_ring ring(4);
  for (int i = 0; i < 6; ++i) (void)ring.push(minute_bar(i));  // slots now hold 4, 5, 2, 3
  const auto v = ring.last(3);
  CHECK(v.size() == 3);
  CHECK(v.first().size() + v.second().size() == 3);
  CHECK(v[0] == minute_bar(3));
  CHECK(v[2] == minute_bar(5));
  CHECK(v.back() == minute_bar(5));
  // The spans point into the ring itself.
  CHECK(&v[2] == &ring.back());
  CHECK(ring.last(10).size() == 4);
  CHECK(ring.last(0).empty());
  CHECK(std::is_sorted(v.begin(), v.end(),
                       [](const bar& a, const bar& b) { return a.start_ns < b.start_ns; }));
}

TEST_CASE("a bar that is not newer than the newest one is refused") {
  storage::bar_ring ring(4);
  CHECK(ring.push(minute_bar(1)));
  CHECK_FALSE(ring.push(minute_bar(1)));
  CHECK_FALSE(ring.push(minute_bar(0)));
  CHECK(ring.size() == 1);
}

TEST_CASE("the store keeps one ring per instrument and timeframe") {
  storage::bar_store store(10);
  CHECK(store.append("NSE:99926000", ev::timeframe::m1, minute_bar(0)));
  CHECK(store.append("NSE:99926000", ev::timeframe::m5, minute_bar(0)));
  CHECK(store.append("NFO:58784", ev::timeframe::m1, minute_bar(0)));
  CHECK(store.instruments() == 2);
  CHECK(store.last("NSE:99926000", ev::timeframe::m1, 5).size() == 1);
  CHECK(store.last("NSE:99926000", ev::timeframe::d1, 5).empty());
  CHECK(store.last("NSE:1", ev::timeframe::m1, 5).empty());
  CHECK(store.bytes_per_instrument() >= 5 * 10 * sizeof(bar));
}

TEST_CASE("closed bars written to day files come back in the same order") {
  test::temp_dir dir;
  storage::bar_file_writer w(dir.path());
  for (int i = 0; i < 30; ++i) REQUIRE(w.append("NSE:99926000", ev::timeframe::m1, minute_bar(i)));
  REQUIRE(w.append("NFO:58784", ev::timeframe::m5, minute_bar(0)));
  REQUIRE(w.close());
  auto read = storage::read_bar_file(dir / "2025-10-20.jsonl");
  REQUIRE(read.ok());
  REQUIRE(read->size() == 31);
  CHECK((*read)[29] == storage::stored_bar{"NSE:99926000", ev::timeframe::m1, minute_bar(29)});
  CHECK((*read)[30].timeframe == ev::timeframe::m5);
}

TEST_CASE("a torn last line is ignored and damage in the middle names the line") {
  test::temp_dir dir;
  {
    storage::bar_file_writer w(dir.path());
    for (int i = 0; i < 3; ++i) REQUIRE(w.append("NSE:99926000", ev::timeframe::m1, minute_bar(i)));
  }
  std::ofstream(dir / "2025-10-20.jsonl", std::ios::app)
      << "{\"i\":\"NSE:99926000\",\"tf\":\"1m\",\"t\":17";
  auto torn = storage::read_bar_file(dir / "2025-10-20.jsonl");
  REQUIRE(torn.ok());
  CHECK(torn->size() == 3);
  std::ofstream(dir / "2025-10-20.jsonl", std::ios::app) << "\n{\"i\":\"x\"}\n";
  auto bad = storage::read_bar_file(dir / "2025-10-20.jsonl");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == (dir / "2025-10-20.jsonl").string() + ":4: not a bar line");
}

TEST_CASE("old days are compressed with zstd and still read back the same") {
  test::temp_dir dir;
  storage::bar_file_writer w(dir.path());
  for (int day = 0; day < 3; ++day)
    for (int i = 0; i < 5; ++i) {
      bar b = minute_bar(i);
      b.start_ns += day * core::ns_per_day;
      REQUIRE(w.append("NSE:99926000", ev::timeframe::m1, b));
    }
  REQUIRE(w.close());
  auto before = storage::read_bar_file(dir / "2025-10-21.jsonl");
  REQUIRE(before.ok());
  auto n = storage::compress_bar_files(dir.path(), {2025, 10, 22});
  REQUIRE(n.ok());
  CHECK(*n == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "2025-10-21.jsonl"));
  CHECK(std::filesystem::exists(dir / "2025-10-21.jsonl.zst"));
  CHECK(std::filesystem::exists(dir / "2025-10-22.jsonl"));
  auto after = storage::read_bar_file(dir / "2025-10-21.jsonl.zst");
  REQUIRE(after.ok());
  CHECK(*after == *before);
  // Compressing again finds nothing more to do.
  CHECK(*storage::compress_bar_files(dir.path(), {2025, 10, 22}) == 0);
}

TEST_CASE("on start the rings are refilled from the newest days on disk, compressed or not") {
  test::temp_dir dir;
  {
    storage::bar_file_writer w(dir.path());
    for (int day = 0; day < 4; ++day)
      for (int i = 0; i < 5; ++i) {
        bar b = minute_bar(i);
        b.start_ns += day * core::ns_per_day;
        REQUIRE(w.append("NSE:99926000", ev::timeframe::m1, b));
        REQUIRE(w.append("NFO:58784", ev::timeframe::m1, b));
      }
  }
  REQUIRE(storage::compress_bar_files(dir.path(), {2025, 10, 22}).ok());
  storage::bar_store store(8);
  auto report =
      storage::load_bar_files(dir.path(), store, {.days = 3, .instruments = {"NSE:99926000"}});
  REQUIRE(report.ok());
  CHECK(report->files == 3);
  CHECK(report->bars == 15);
  CHECK(store.instruments() == 1);
  const auto v = store.last("NSE:99926000", ev::timeframe::m1, 100);
  CHECK(v.size() == 8);
  CHECK(v.back().start_ns == minute_bar(4).start_ns + 3 * core::ns_per_day);
}
