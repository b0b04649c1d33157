#include "daemon/recovery.hpp"

#include <chrono>

#include "core/state_codec.hpp"
#include "storage/journal_reader.hpp"
#include "storage/snapshot.hpp"

namespace strike::daemon {
namespace {

result<recovery> replay_from(const std::filesystem::path& dir, core::state initial,
                             std::int64_t snapshot_seq) {
  recovery r;
  r.state = std::move(initial);
  r.snapshot_seq = snapshot_seq;
  auto report = storage::read_journal(dir, snapshot_seq, [&](const events::event& e) -> status {
    core::apply(r.state, e);
    return {};
  });
  if (!report) return report.error();
  r.events_applied = report->events_delivered;
  r.bytes_read = report->bytes_read;
  if (report->torn_tail) {
    r.repaired_segment = report->active_segment;
    r.repair_reason = report->tail.describe(report->active_segment);
    r.repair = storage::repair_report{report->active_intact_bytes,
                                      report->tail.file_bytes - report->active_intact_bytes, {}};
  }
  return r;
}

}  // namespace

result<recovery> recover(const std::filesystem::path& dir, recovery_options options) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::string> warnings;
  std::optional<result<recovery>> outcome;

  if (options.use_snapshots && std::filesystem::exists(dir)) {
    // Try snapshots newest first; one that does not fit the journal is skipped.
    std::int64_t below = INT64_MAX;
    for (;;) {
      auto snap = storage::load_newest_snapshot(dir, below, &warnings);
      if (!snap || !*snap) break;
      const auto& s = **snap;
      below = s.seq - 1;
      auto state = core::decode_state(s.state_json);
      if (!state) {
        warnings.push_back(s.path.string() + ": " + state.error().message);
        continue;
      }
      if (state->last_seq != s.seq) {
        warnings.push_back(s.path.string() + ": state covers seq " + std::to_string(state->last_seq));
        continue;
      }
      auto r = replay_from(dir, std::move(*state), s.seq);
      if (r) {
        outcome = std::move(r);
        break;
      }
      warnings.push_back("snapshot " + s.path.string() + " not used: " + r.error().message);
    }
  }
  if (!outcome) {
    if (!std::filesystem::exists(dir)) {
      outcome = recovery{};
    } else {
      outcome = replay_from(dir, core::state{}, 0);
    }
  }
  if (!*outcome) return outcome->error();

  recovery r = std::move(outcome->value());
  r.warnings.insert(r.warnings.end(), warnings.begin(), warnings.end());
  if (r.repair) {
    if (options.repair) {
      auto cut = storage::cut_torn_tail(r.repaired_segment, r.repair->offset);
      if (!cut) return error{"cannot cut the torn tail of " + r.repaired_segment.string() + ": " +
                             cut.error().message};
      r.repair = *cut;
    } else {
      r.warnings.push_back(r.repair_reason + "; left in place");
      r.repair.reset();
    }
  }
  r.duration_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  return r;
}

}  // namespace strike::daemon
