#include <doctest/doctest.h>
#include <sys/stat.h>

#include <atomic>
#include <future>
#include <mutex>
#include <vector>

#include "base/failure_probes.hpp"
#include "storage/journal.hpp"
#include "storage/journal_reader.hpp"
#include "storage/segments.hpp"
#include "tests/storage/journal_writer_support.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;

namespace {

std::vector<std::int64_t> seqs_in(const std::filesystem::path& dir, std::int64_t after = 0) {
  std::vector<std::int64_t> out;
  auto r = storage::read_journal(dir, after, [&](const events::event& e) -> status {
    out.push_back(e.env.seq);
    return {};
  });
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  return out;
}

struct probes_off {
  ~probes_off() { base::probes::disarm_all(); }
};

}  // namespace

TEST_CASE("appended events read back in order under every durability policy") {
  for (auto policy :
       {storage::durability::every_event, storage::durability::group, storage::durability::none}) {
    test::temp_dir dir;
    test::write_events(dir.path(), 1, 300, policy);
    const auto seqs = seqs_in(dir.path());
    REQUIRE(seqs.size() == 300);
    for (std::size_t i = 0; i < seqs.size(); ++i)
      CHECK(seqs[i] == static_cast<std::int64_t>(i + 1));
  }
}

TEST_CASE("every_event makes each event durable before append returns") {
  test::temp_dir dir;
  auto j = storage::journal::open({dir.path(), storage::durability::every_event}, 0);
  REQUIRE(j.ok());
  for (int s = 1; s <= 20; ++s) {
    REQUIRE((*j)->append(test::numbered_event(s)).ok());
    CHECK((*j)->durable_seq() == s);
  }
}

TEST_CASE("group commit makes events durable on sync and calls waiters in seq order") {
  test::temp_dir dir;
  auto j = storage::journal::open(
      {dir.path(), storage::durability::group, std::chrono::milliseconds(1000)}, 0);
  REQUIRE(j.ok());
  std::vector<std::int64_t> called;
  std::mutex m;
  for (int s = 1; s <= 10; ++s) REQUIRE((*j)->append(test::numbered_event(s)).ok());
  for (int s : {3, 7, 10}) {
    (*j)->when_durable(s, [&, s](const status& st) {
      CHECK(st.ok());
      std::lock_guard lock(m);
      called.push_back(s);
    });
  }
  // A waiter makes the syncer go at once instead of waiting out the 1 s window.
  REQUIRE((*j)->sync().ok());
  CHECK((*j)->durable_seq() == 10);
  std::lock_guard lock(m);
  CHECK(called == std::vector<std::int64_t>{3, 7, 10});
}

TEST_CASE("a waiter for an already durable seq is called at once") {
  test::temp_dir dir;
  auto j = storage::journal::open({dir.path(), storage::durability::every_event}, 0);
  REQUIRE((*j)->append(test::numbered_event(1)).ok());
  bool called = false;
  (*j)->when_durable(1, [&](const status& s) { called = s.ok(); });
  CHECK(called);
}

TEST_CASE("the synced hook reports each durable prefix") {
  test::temp_dir dir;
  auto j = storage::journal::open({dir.path(), storage::durability::group}, 0);
  std::atomic<std::int64_t> last{0};
  (*j)->on_synced([&](std::int64_t seq, std::int64_t took_ns) {
    CHECK(took_ns >= 0);
    CHECK(seq > last.load());
    last = seq;
  });
  for (int s = 1; s <= 100; ++s) REQUIRE((*j)->append(test::numbered_event(s)).ok());
  REQUIRE((*j)->sync().ok());
  CHECK(last.load() == 100);
}

TEST_CASE("a failed fdatasync is sticky: no later append, sync or rotate succeeds") {
  probes_off guard;
  test::temp_dir dir;
  auto j = storage::journal::open({dir.path(), storage::durability::group}, 0);
  REQUIRE(j.ok());
  int failures_reported = 0;
  std::string reported;
  (*j)->on_failure([&](const error& e) {
    ++failures_reported;
    reported = e.message;
  });
  REQUIRE((*j)->append(test::numbered_event(1)).ok());
  REQUIRE((*j)->sync().ok());
  base::probes::arm(base::probes::point::journal_fsync, 1);
  REQUIRE((*j)->append(test::numbered_event(2)).ok());  // queued in memory
  const auto s = (*j)->sync();
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.find("fdatasync") != std::string::npos);
  base::probes::disarm_all();  // the disk "recovers", the journal must not
  CHECK_FALSE((*j)->append(test::numbered_event(3)).ok());
  CHECK_FALSE((*j)->sync().ok());
  CHECK_FALSE((*j)->rotate("2026-11-20").ok());
  CHECK((*j)->durable_seq() == 1);
  CHECK(failures_reported == 1);
  CHECK(reported.find("no further events can be recorded") != std::string::npos);
}

TEST_CASE("a failed write under every_event fails the append itself") {
  probes_off guard;
  test::temp_dir dir;
  auto j = storage::journal::open({dir.path(), storage::durability::every_event}, 0);
  REQUIRE((*j)->append(test::numbered_event(1)).ok());
  base::probes::arm(base::probes::point::journal_write, 1);
  CHECK_FALSE((*j)->append(test::numbered_event(2)).ok());
  base::probes::disarm_all();
  CHECK_FALSE((*j)->append(test::numbered_event(2)).ok());
  CHECK((*j)->failure().has_value());
}

TEST_CASE("waiters are told when the journal fails before their event is durable") {
  probes_off guard;
  test::temp_dir dir;
  auto j = storage::journal::open(
      {dir.path(), storage::durability::group, std::chrono::milliseconds(1000)}, 0);
  base::probes::arm(base::probes::point::journal_fsync, 1);
  REQUIRE((*j)->append(test::numbered_event(1)).ok());
  std::promise<bool> outcome;
  (*j)->when_durable(1, [&](const status& s) { outcome.set_value(s.ok()); });
  CHECK_FALSE(outcome.get_future().get());
}

TEST_CASE("the journal file is created with mode 0600") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 1);
  struct stat st {};
  REQUIRE(::stat((dir / "events.jsonl").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("rotation closes the day's segment and the reader follows segments in seq order") {
  test::temp_dir dir;
  {
    auto j = storage::journal::open({dir.path(), storage::durability::group}, 0);
    for (int s = 1; s <= 10; ++s) REQUIRE((*j)->append(test::numbered_event(s)).ok());
    REQUIRE((*j)->rotate("2026-11-19").ok());
    CHECK((*j)->first_ts() == 0);
    for (int s = 11; s <= 25; ++s) REQUIRE((*j)->append(test::numbered_event(s)).ok());
    REQUIRE((*j)->rotate("2026-11-20").ok());
    for (int s = 26; s <= 30; ++s) REQUIRE((*j)->append(test::numbered_event(s)).ok());
  }
  auto segments = storage::list_segments(dir.path());
  REQUIRE(segments.ok());
  REQUIRE(segments->size() == 3);
  CHECK((*segments)[0].path.filename() == "events-2026-11-19-000000000001.jsonl");
  CHECK((*segments)[1].path.filename() == "events-2026-11-20-000000000011.jsonl");
  CHECK((*segments)[2].active);
  CHECK(seqs_in(dir.path()).size() == 30);
  // Reading after seq 20 skips the first segment and starts inside the second.
  const auto tail = seqs_in(dir.path(), 20);
  REQUIRE(tail.size() == 10);
  CHECK(tail.front() == 21);
}

TEST_CASE("rotating an empty active segment does nothing") {
  test::temp_dir dir;
  auto j = storage::journal::open({dir.path(), storage::durability::group}, 0);
  REQUIRE((*j)->rotate("2026-11-20").ok());
  auto segments = storage::list_segments(dir.path());
  REQUIRE(segments->size() == 1);
  CHECK(segments->front().active);
}

TEST_CASE("a journal reopened after close continues the sequence") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 5);
  test::write_events(dir.path(), 6, 9);
  CHECK(seqs_in(dir.path()).size() == 9);
}

TEST_CASE("a reader refuses a journal that lacks the events a snapshot needs next") {
  test::temp_dir dir;
  test::write_events(dir.path(), 1, 5);
  auto r = storage::read_journal(dir.path(), 8, nullptr);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("journal ends at seq 5 but state covers seq 8") !=
        std::string::npos);
}

TEST_CASE("a torn tail in a closed segment is corruption, not a tail") {
  test::temp_dir dir;
  {
    auto j = storage::journal::open({dir.path(), storage::durability::group}, 0);
    for (int s = 1; s <= 4; ++s) REQUIRE((*j)->append(test::numbered_event(s)).ok());
    REQUIRE((*j)->rotate("2026-11-19").ok());
    for (int s = 5; s <= 6; ++s) REQUIRE((*j)->append(test::numbered_event(s)).ok());
  }
  const auto closed = dir / "events-2026-11-19-000000000001.jsonl";
  const auto content = test::slurp(closed);
  test::spit(closed, content.substr(0, content.size() - 5));
  auto r = storage::read_journal(dir.path(), 0, nullptr);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("events-2026-11-19-000000000001.jsonl: line 4") !=
        std::string::npos);
}

TEST_CASE("an event over the line limit is refused by append itself, whoever encodes the rest") {
  for (auto policy :
       {storage::durability::every_event, storage::durability::group, storage::durability::none}) {
    test::temp_dir dir;
    auto j = storage::journal::open({dir.path(), policy}, 0);
    REQUIRE(j.ok());
    REQUIRE((*j)->append(test::numbered_event(1)).ok());
    // Near the limit but under it: kept (its bound is over the limit, so it is encoded to know).
    events::event near{{2, 2, "", 0, ""},
                       events::error_raised{"test", "big", std::string(60 * 1024, 'a')}};
    REQUIRE((*j)->append(near).ok());
    events::event over{{3, 3, "", 0, ""},
                       events::error_raised{"test", "big", std::string(70 * 1024, 'a')}};
    const auto refused = (*j)->append(over);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("over the line limit") != std::string::npos);
    // The journal goes on: seq 3 is still free.
    over.body = events::error_raised{"test", "small", "x"};
    REQUIRE((*j)->append(over).ok());
    REQUIRE((*j)->close().ok());
    CHECK(seqs_in(dir.path()) == std::vector<std::int64_t>{1, 2, 3});
  }
}

TEST_CASE("a shared event is kept, not copied, until it is written, and reads back as it was") {
  for (auto policy :
       {storage::durability::every_event, storage::durability::group, storage::durability::none}) {
    test::temp_dir dir;
    auto j = storage::journal::open({dir.path(), policy, std::chrono::minutes(1)}, 0);
    REQUIRE(j.ok());
    std::vector<events::event> sent;
    std::weak_ptr<const events::event> first;
    for (int s = 1; s <= 5; ++s) {
      auto e = std::make_shared<const events::event>(
          events::envelope{s, 1000 + s, "key-" + std::string(20, static_cast<char>('a' + s)), 0,
                           "corr"},
          events::signal_raised{"mr", "NSE:99926000", events::signal_action::enter_long,
                                std::string(80, static_cast<char>('0' + s)), 0.5});
      sent.push_back(*e);
      if (s == 1) first = e;
      REQUIRE((*j)->append_shared(std::move(e)).ok());  // the publisher lets go at once
    }
    // Under group and none the events wait for their window (a minute) in the syncer's queue: the
    // same object, still alive although no publisher holds it.
    if (policy != storage::durability::every_event) CHECK_FALSE(first.expired());
    REQUIRE((*j)->close().ok());
    CHECK(first.expired());
    std::vector<events::event> read;
    auto r = storage::read_journal(dir.path(), 0, [&](const events::event& e) -> status {
      read.push_back(e);
      return {};
    });
    REQUIRE(r.ok());
    CHECK(read == sent);
  }
}
