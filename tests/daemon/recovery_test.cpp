#include <doctest/doctest.h>

#include <random>

#include "core/bus.hpp"
#include "core/state_codec.hpp"
#include "daemon/recovery.hpp"
#include "storage/journal.hpp"
#include "storage/snapshot.hpp"
#include "tests/storage/journal_writer_support.hpp"
#include "tests/support/sample_payloads.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
namespace ev = strike::events;

namespace {

std::string encoded(const core::state& s) {
  std::string out;
  core::encode_state(s, out);
  return out;
}

// Publishes n random events through a real bus and journal; returns the state after each.
std::vector<std::string> publish_random(const std::filesystem::path& dir, int n,
                                        std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  core::virtual_clock clock{1'700'000'000'000'000'000};
  core::state state;
  auto j = storage::journal::open({dir, storage::durability::none}, 0);
  REQUIRE(j.ok());
  core::bus bus(**j, clock, state.keys);
  bus.fold_with([&](const ev::event& e) { core::apply(state, e); });
  std::vector<std::string> states;
  while (static_cast<int>(states.size()) < n) {
    clock.advance_by(static_cast<std::int64_t>(rng() % 5'000'000'000));
    const auto type = rng() % ev::type_count;
    core::publish_options opts;
    if (rng() % 4 == 0) opts.key = "k" + std::to_string(rng() % 500);  // some collide: dropped
    auto seq = bus.publish(test::filled_payload(type, rng), opts);
    REQUIRE(seq.ok());
    if (*seq) states.push_back(encoded(state));
  }
  REQUIRE((*j)->close().ok());
  return states;
}

}  // namespace

TEST_CASE("replay from the first event and replay from any snapshot give identical state") {
  test::temp_dir dir;
  const auto states = publish_random(dir.path(), 400, 11);
  auto full = daemon::recover(dir.path(), {.use_snapshots = false});
  REQUIRE(full.ok());
  CHECK(encoded(full->state) == states.back());

  for (std::size_t k = 1; k <= states.size(); k += 37) {
    test::temp_dir copy;
    std::filesystem::copy(dir.path(), copy.path(), std::filesystem::copy_options::recursive);
    REQUIRE(storage::write_snapshot(copy.path(), static_cast<std::int64_t>(k), states[k - 1]).ok());
    auto from_snapshot = daemon::recover(copy.path(), {.use_snapshots = true});
    REQUIRE(from_snapshot.ok());
    CAPTURE(k);
    CHECK(from_snapshot->snapshot_seq == static_cast<std::int64_t>(k));
    CHECK(from_snapshot->events_applied == static_cast<std::int64_t>(states.size() - k));
    CHECK(encoded(from_snapshot->state) == states.back());
  }
}

TEST_CASE("a snapshot that does not decode is skipped and the journal replayed instead") {
  test::temp_dir dir;
  const auto states = publish_random(dir.path(), 50, 3);
  REQUIRE(storage::write_snapshot(dir.path(), 20, R"({"not":"a state"})").ok());
  auto r = daemon::recover(dir.path(), {});
  REQUIRE(r.ok());
  CHECK(r->snapshot_seq == 0);
  CHECK(encoded(r->state) == states.back());
  REQUIRE_FALSE(r->warnings.empty());
}

TEST_CASE("recovery cuts a torn tail, keeps its bytes, and reports it") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 8);
  const auto path = dir / "events.jsonl";
  const std::string intact = test::slurp(path);
  const std::string torn = R"({"seq":9,"ts":1,"type":"Tradin)";
  test::spit(path, intact + torn);

  auto readonly = daemon::recover(dir.path(), {.repair = false});
  REQUIRE(readonly.ok());
  CHECK_FALSE(readonly->repair.has_value());
  CHECK(test::slurp(path) == intact + torn);

  auto r = daemon::recover(dir.path(), {.repair = true});
  REQUIRE(r.ok());
  REQUIRE(r->repair.has_value());
  CHECK(r->repair->offset == static_cast<std::int64_t>(intact.size()));
  CHECK(r->repair->bytes_cut == static_cast<std::int64_t>(torn.size()));
  CHECK(test::slurp(path) == intact);
  CHECK(test::slurp(r->repair->saved_as) == torn);
  CHECK(r->state.last_seq == 8);
}

TEST_CASE("damage in the middle refuses recovery with line and offset") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 8);
  const auto path = dir / "events.jsonl";
  std::string content = test::slurp(path);
  const auto third = content.find('\n', content.find('\n') + 1) + 1;
  content[third + 12] ^= 0x02;
  test::spit(path, content);
  auto r = daemon::recover(dir.path(), {.repair = true});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("line 3, byte offset " + std::to_string(third)) !=
        std::string::npos);
}

TEST_CASE("a missing state directory recovers to the empty state") {
  auto r = daemon::recover("/nonexistent/strike-state", {});
  REQUIRE(r.ok());
  CHECK(r->state.last_seq == 0);
}
