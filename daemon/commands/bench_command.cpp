// striked bench journal | replay: throughput of the journal and of replay, on this machine
// (feed and decision live in feed_bench.cpp and decision_bench.cpp).
#include <fcntl.h>
#include <simdjson.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "base/file_io.hpp"
#include "core/bus.hpp"
#include "core/clock.hpp"
#include "core/state.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/commands/sample_events.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/recovery.hpp"
#include "storage/journal.hpp"
#include "storage/segment_reader.hpp"
#include "storage/segments.hpp"

namespace strike::daemon {
namespace {

using steady = std::chrono::steady_clock;

double seconds_since(steady::time_point t) {
  return std::chrono::duration<double>(steady::now() - t).count();
}

std::optional<std::int64_t> parse_count(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc{} || p != text->data() + text->size() || n < 0) return std::nullopt;
  return n;
}

struct append_result {
  std::int64_t published = 0;
  std::int64_t last_seq = 0;
  double seconds = 0;
  storage::journal_stats stats;
};

// Appends n sample events to the journal in dir through the bus and the state fold,
// recovering (and repairing) whatever the directory already holds first.
result<append_result> append_events(const std::filesystem::path& dir, std::int64_t n,
                                    storage::durability policy, std::int64_t group_ms,
                                    bool report_synced) {
  auto rec = recover(dir, {.use_snapshots = true, .repair = true});
  if (!rec) return rec.error();
  core::state state = std::move(rec->state);
  storage::journal_options options{dir, policy, std::chrono::milliseconds(group_ms)};
  auto j = storage::journal::open(options, state.last_seq);
  if (!j) return j.error();
  auto& journal = **j;
  if (report_synced) {
    journal.on_synced([](std::int64_t seq, std::int64_t) {
      std::printf("synced %lld\n", static_cast<long long>(seq));
      std::fflush(stdout);
    });
  }
  core::system_clock clock;
  core::bus bus(journal, clock, state.keys);
  bus.fold_with([&](const events::event& e) { core::apply(state, e); });
  sample_events source(static_cast<std::uint64_t>(state.last_seq) + 1);

  const auto started = steady::now();
  append_result r;
  for (std::int64_t i = 0; i < n; ++i) {
    auto sample = source.next();
    auto seq = bus.publish(std::move(sample.body), std::move(sample.options));
    if (!seq) return seq.error();
    if (*seq) ++r.published;
  }
  if (auto s = journal.close(); !s) return s.error();
  r.seconds = seconds_since(started);
  r.last_seq = state.last_seq;
  r.stats = journal.stats();
  return r;
}

// The floor for every_event: n lines of line_bytes each, appended to a scratch file beside the
// journal and fdatasync'd one at a time, with nothing else in the loop.
result<double> append_sync_floor(const std::filesystem::path& dir, std::int64_t n,
                                 std::size_t line_bytes) {
  const auto path = dir / "bench-floor.tmp";
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return errno_error("open(" + path.string() + ")", errno);
  std::string line(std::max<std::size_t>(line_bytes, 1) - 1, 'x');
  line.push_back('\n');
  status s;
  const auto started = steady::now();
  for (std::int64_t i = 0; i < n && s; ++i) {
    s = base::write_all(fd, line, path);
    if (s && ::fdatasync(fd) != 0) s = errno_error("fdatasync(" + path.string() + ")", errno);
  }
  const double took = seconds_since(started);
  ::close(fd);
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (!s) return s.error();
  return took;
}

int bench_journal(args& a) {
  auto dir = a.option("--dir");
  auto n = parse_count(a.option("--events"));
  auto policy = storage::durability_from_string(a.option("--durability").value_or("group"));
  auto group_ms = parse_count(a.option("--group-ms")).value_or(2);
  const bool report_synced = a.flag("--report-synced");
  const bool floor = a.flag("--floor");
  if (!dir || !n || !policy || a.unused()) {
    std::fprintf(stderr,
                 "usage: striked bench journal --dir DIR --events N "
                 "--durability every_event|group|none [--group-ms N] [--report-synced] "
                 "[--floor]\n");
    return exit_code::usage;
  }
  auto r = append_events(*dir, *n, *policy, group_ms, report_synced);
  if (!r) {
    std::fprintf(stderr, "striked bench journal: %s\n", r.error().message.c_str());
    return exit_code::failure;
  }
  std::printf(
      "appended %lld events (%s) in %.3f s: %.0f events/s, %.1f MB/s, %lld syncs, "
      "max sync %.2f ms, last seq %lld\n",
      static_cast<long long>(r->published), std::string(storage::to_string(*policy)).c_str(),
      r->seconds, r->published / r->seconds, r->stats.bytes_written / r->seconds / 1e6,
      static_cast<long long>(r->stats.syncs), r->stats.max_sync_ns / 1e6,
      static_cast<long long>(r->last_seq));
  if (!floor || r->published == 0) return exit_code::ok;

  const auto line_bytes = static_cast<std::size_t>(r->stats.bytes_written / r->published);
  auto f = append_sync_floor(*dir, r->published, line_bytes);
  if (!f) {
    std::fprintf(stderr, "striked bench journal: %s\n", f.error().message.c_str());
    return exit_code::failure;
  }
  const double journal_rate = r->published / r->seconds;
  const double floor_rate = r->published / *f;
  std::printf("floor: write + fdatasync of %zu-byte lines, one at a time: %.3f s, %.0f events/s\n",
              line_bytes, *f, floor_rate);
  std::printf("journal / floor: %.0f %%\n", 100 * journal_rate / floor_rate);
  return exit_code::ok;
}

// Parses every line of every segment with a bare simdjson DOM parser: the floor for replay.
result<std::pair<std::int64_t, double>> bare_parse(const std::filesystem::path& dir) {
  auto segments = storage::list_segments(dir);
  if (!segments) return segments.error();
  simdjson::dom::parser parser;
  std::int64_t lines = 0;
  const auto started = steady::now();
  for (const auto& seg : *segments) {
    auto content = simdjson::padded_string::load(seg.path.string());
    if (content.error()) return error{"cannot read " + seg.path.string()};
    const std::string_view all = content.value();
    std::size_t pos = 0;
    while (pos < all.size()) {
      const auto nl = all.find('\n', pos);
      const auto end = nl == std::string_view::npos ? all.size() : nl;
      simdjson::dom::element doc;
      if (parser.parse(all.data() + pos, end - pos, false).get(doc) == simdjson::SUCCESS) ++lines;
      pos = end + 1;
    }
  }
  return std::pair{lines, seconds_since(started)};
}

int bench_replay(args& a) {
  auto dir = a.option("--dir");
  const auto n = parse_count(a.option("--events")).value_or(1'000'000);
  const auto passes = parse_count(a.option("--passes")).value_or(3);
  if (!dir || passes < 1 || a.unused()) {
    std::fprintf(stderr, "usage: striked bench replay --dir DIR [--events N] [--passes N]\n");
    return exit_code::usage;
  }
  if (!std::filesystem::exists(std::filesystem::path(*dir) / "events.jsonl")) {
    std::fprintf(stderr, "writing %lld sample events to %s ...\n", static_cast<long long>(n),
                 dir->c_str());
    auto w = append_events(*dir, n, storage::durability::none, 50, false);
    if (!w) {
      std::fprintf(stderr, "striked bench replay: %s\n", w.error().message.c_str());
      return exit_code::failure;
    }
  }
  // Passes alternate between the two, and each side keeps its fastest: on a machine shared
  // with other work, a slow pass says more about the neighbours than about the code.
  std::optional<result<std::pair<std::int64_t, double>>> bare;
  std::optional<result<recovery>> rec;
  double replay_s = 0;
  for (std::int64_t pass = 0; pass < passes; ++pass) {
    auto b = bare_parse(*dir);
    if (!b) {
      std::fprintf(stderr, "striked bench replay: %s\n", b.error().message.c_str());
      return exit_code::failure;
    }
    if (!bare || b->second < (*bare)->second) bare = std::move(b);
    rec.reset();  // the previous pass's state is freed outside the timed region
    const auto started = steady::now();
    rec = recover(*dir, {.use_snapshots = false, .repair = false});
    const double took = seconds_since(started);
    if (!*rec) {
      std::fprintf(stderr, "striked bench replay: %s\n", (*rec).error().message.c_str());
      return exit_code::failure;
    }
    replay_s = pass == 0 ? took : std::min(replay_s, took);
  }
  const auto& bare_r = (*bare).value();
  const auto& replayed = (*rec).value();
  const double mb = static_cast<double>(replayed.bytes_read) / 1e6;
  std::printf("journal: %lld events, %.1f MB; fastest of %lld passes each\n",
              static_cast<long long>(replayed.events_applied), mb, static_cast<long long>(passes));
  std::printf("bare simdjson parse: %.3f s, %.0f events/s, %.0f MB/s\n", bare_r.second,
              bare_r.first / bare_r.second, mb / bare_r.second);
  std::printf("replay (verify + decode + fold): %.3f s, %.0f events/s, %.0f MB/s\n", replay_s,
              replayed.events_applied / replay_s, mb / replay_s);
  std::printf("replay / bare parse: %.2fx\n", replay_s / bare_r.second);
  return exit_code::ok;
}

}  // namespace

int bench_command(const std::string& sub, args& a) {
  if (sub == "journal") return bench_journal(a);
  if (sub == "replay") return bench_replay(a);
  if (sub == "feed") return bench_feed(a);
  if (sub == "decision") return bench_decision(a);
  std::fprintf(stderr, "usage: striked bench journal|replay|feed|decision ...\n");
  return exit_code::usage;
}

}  // namespace strike::daemon
