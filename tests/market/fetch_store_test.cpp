// striked data fetch's output directory: day files merged and replaced whole, the fetch
// ledger, and what a rerun finds complete.
#include <doctest/doctest.h>

#include <fstream>

#include "base/file_io.hpp"
#include "daemon/fetch/fetch_store.hpp"
#include "storage/bar_file_format.hpp"
#include "storage/bar_files.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
using namespace strike::daemon::fetch;
using core::civil_date;
namespace mk = strike::core::market;
namespace ev = strike::events;

namespace {

const civil_date store_day{2026, 1, 6};
const mk::bar_grid store_grid;

mk::bar bar_at(int minute_of_session, std::int64_t price) {
  return {store_grid.open_ns(store_day) + minute_of_session * core::ns_per_minute,
          price,
          price + 100,
          price - 100,
          price + 50,
          10,
          0};
}

std::vector<mk::bar> session(std::int64_t price, int minutes = 375) {
  std::vector<mk::bar> out;
  for (int i = 0; i < minutes; ++i) out.push_back(bar_at(i, price + i));
  return out;
}

std::vector<storage::stored_bar> read_day(const test::temp_dir& dir) {
  auto bars = storage::read_bar_file(dir / "2026-01-06.jsonl");
  REQUIRE_MESSAGE(bars.ok(), (bars.ok() ? "" : bars.error().message));
  return *bars;
}

std::vector<mk::bar> series(const std::vector<storage::stored_bar>& all, std::string_view id,
                            ev::timeframe tf = ev::timeframe::m1) {
  std::vector<mk::bar> out;
  for (const auto& b : all)
    if (b.instrument == id && b.timeframe == tf) out.push_back(b.value);
  return out;
}

fetch_store open_store(const test::temp_dir& dir) {
  auto s = fetch_store::open(dir.path(), ev::timeframe::m1, store_grid);
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
  REQUIRE(s->scan(std::vector<civil_date>{store_day}).ok());
  return std::move(*s);
}

}  // namespace

TEST_CASE("a written store_day keeps other series and replaces the fetched ones, in start order") {
  test::temp_dir dir;
  {
    storage::bar_file_writer w(dir.path());
    for (int i = 0; i < 120; ++i) {
      REQUIRE(w.append("NSE:99926000", ev::timeframe::m1, bar_at(i, 2'600'000)).ok());
      REQUIRE(w.append("NFO:1", ev::timeframe::m1, bar_at(i, 10'000)).ok());
      if (i % 5 == 4)
        REQUIRE(w.append("NSE:99926000", ev::timeframe::m5, bar_at(i - 4, 2'600'000)).ok());
    }
  }
  auto store = open_store(dir);
  REQUIRE(store.held(store_day, "NSE:99926000") != nullptr);
  CHECK(store.held(store_day, "NSE:99926000")->bars == 120);
  CHECK_FALSE(store.complete(store_day, "NSE:99926000"));

  day_bars fresh;
  fresh["NSE:99926000"] = session(2'500'000);
  fresh["NSE:99926017"] = session(1'300);
  REQUIRE(store.write_day(store_day, fresh, {}).ok());

  const auto all = read_day(dir);
  CHECK(series(all, "NSE:99926000") == fresh["NSE:99926000"]);
  CHECK(series(all, "NSE:99926017") == fresh["NSE:99926017"]);
  CHECK(series(all, "NFO:1").size() == 120);                           // kept
  CHECK(series(all, "NSE:99926000", ev::timeframe::m5).size() == 24);  // another timeframe
  for (std::size_t i = 1; i < all.size(); ++i)
    CHECK(all[i - 1].value.start_ns <= all[i].value.start_ns);
  // Reaching the close makes the fetched series complete even without a ledger record.
  CHECK(store.complete(store_day, "NSE:99926000"));
  CHECK_FALSE(store.complete(store_day, "NFO:1"));
}

TEST_CASE("a final series is recorded and a later store finds it complete until its file goes") {
  test::temp_dir dir;
  {
    auto store = open_store(dir);
    day_bars fresh;
    fresh["NFO:7"] = session(5'000, 300);  // last trade 14:14: complete only by the ledger
    fresh["NFO:8"] = {};                   // the broker had nothing
    const std::vector<std::string> final{"NFO:7", "NFO:8"};
    REQUIRE(store.write_day(store_day, fresh, final).ok());
  }
  {
    auto store = open_store(dir);
    CHECK(store.complete(store_day, "NFO:7"));
    CHECK(store.complete(store_day, "NFO:8"));
    CHECK_FALSE(store.complete(store_day, "NFO:9"));
  }
  std::filesystem::remove(dir / "2026-01-06.jsonl");
  auto store = open_store(dir);
  CHECK_FALSE(store.complete(store_day, "NFO:7"));
  CHECK(store.complete(store_day, "NFO:8"));
}

TEST_CASE("a series fetched before the close is not recorded and stays incomplete") {
  test::temp_dir dir;
  {
    auto store = open_store(dir);
    day_bars fresh;
    fresh["NSE:99926000"] = session(2'600'000, 106);  // up to 11:00
    REQUIRE(store.write_day(store_day, fresh, {}).ok());
  }
  CHECK_FALSE(std::filesystem::exists(dir / std::string(storage::bar_file::ledger_name)));
  CHECK_FALSE(open_store(dir).complete(store_day, "NSE:99926000"));
}

TEST_CASE("a compressed store_day is replaced by a plain file holding its old bars too") {
  test::temp_dir dir;
  {
    storage::bar_file_writer w(dir.path());
    for (int i = 0; i < 10; ++i)
      REQUIRE(w.append("NFO:1", ev::timeframe::m1, bar_at(i, 10'000)).ok());
  }
  REQUIRE(storage::compress_bar_files(dir.path(), {2026, 1, 7}).ok());
  REQUIRE(std::filesystem::exists(dir / "2026-01-06.jsonl.zst"));
  auto store = open_store(dir);
  CHECK(store.held(store_day, "NFO:1")->bars == 10);
  day_bars fresh;
  fresh["NFO:2"] = session(20'000, 5);
  REQUIRE(store.write_day(store_day, fresh, {}).ok());
  CHECK_FALSE(std::filesystem::exists(dir / "2026-01-06.jsonl.zst"));
  const auto all = read_day(dir);
  CHECK(series(all, "NFO:1").size() == 10);
  CHECK(series(all, "NFO:2").size() == 5);
}

TEST_CASE("the ledger ignores a torn last line and refuses a damaged one") {
  test::temp_dir dir;
  const auto path = dir / std::string(storage::bar_file::ledger_name);
  std::ofstream(path) << R"({"d":"2026-01-06","i":"NFO:7","tf":"1m","n":300})"
                         "\n"
                      << R"({"d":"2026-01-06","i":"NFO:7","tf":"1m","n":301})"
                         "\n"
                      << R"({"d":"2026-01-06","i":"NF)";
  auto ledger = storage::fetch_ledger::open(dir.path());
  REQUIRE(ledger.ok());
  CHECK(ledger->bars(store_day, "NFO:7", ev::timeframe::m1) == 301);  // the later line wins
  CHECK_FALSE(ledger->bars(store_day, "NFO:7", ev::timeframe::m5));
  std::ofstream(path) << R"({"d":"2026-01-06","i":"NFO:7","tf":"1m","n":300})"
                         "\n"
                      << "garbage\n"
                      << R"({"d":"2026-01-06","i":"NFO:7","tf":"1m","n":301})"
                         "\n";
  auto damaged = storage::fetch_ledger::open(dir.path());
  REQUIRE_FALSE(damaged.ok());
  CHECK(damaged.error().message == path.string() + ":2: not a fetch record");
}
