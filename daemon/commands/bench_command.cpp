// striked bench journal | replay: throughput of the journal and of replay, on this machine.
#include <simdjson.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>

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

int bench_journal(args& a) {
  auto dir = a.option("--dir");
  auto n = parse_count(a.option("--events"));
  auto policy = storage::durability_from_string(a.option("--durability").value_or("group"));
  auto group_ms = parse_count(a.option("--group-ms")).value_or(2);
  const bool report_synced = a.flag("--report-synced");
  if (!dir || !n || !policy || a.unused()) {
    std::fprintf(stderr,
                 "usage: striked bench journal --dir DIR --events N "
                 "--durability every_event|group|none [--group-ms N] [--report-synced]\n");
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
  if (!dir || a.unused()) {
    std::fprintf(stderr, "usage: striked bench replay --dir DIR [--events N]\n");
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
  auto bare = bare_parse(*dir);
  if (!bare) {
    std::fprintf(stderr, "striked bench replay: %s\n", bare.error().message.c_str());
    return exit_code::failure;
  }
  const auto started = steady::now();
  auto rec = recover(*dir, {.use_snapshots = false, .repair = false});
  const double replay_s = seconds_since(started);
  if (!rec) {
    std::fprintf(stderr, "striked bench replay: %s\n", rec.error().message.c_str());
    return exit_code::failure;
  }
  const double mb = static_cast<double>(rec->bytes_read) / 1e6;
  std::printf("journal: %lld events, %.1f MB\n", static_cast<long long>(rec->events_applied), mb);
  std::printf("bare simdjson parse: %.3f s, %.0f events/s, %.0f MB/s\n", bare->second,
              bare->first / bare->second, mb / bare->second);
  std::printf("replay (verify + decode + fold): %.3f s, %.0f events/s, %.0f MB/s\n", replay_s,
              rec->events_applied / replay_s, mb / replay_s);
  std::printf("replay / bare parse: %.2fx\n", replay_s / bare->second);
  return exit_code::ok;
}

}  // namespace

int bench_command(const std::string& sub, args& a) {
  if (sub == "journal") return bench_journal(a);
  if (sub == "replay") return bench_replay(a);
  if (sub == "feed") return bench_feed(a);
  std::fprintf(stderr, "usage: striked bench journal|replay|feed ...\n");
  return exit_code::usage;
}

}  // namespace strike::daemon
