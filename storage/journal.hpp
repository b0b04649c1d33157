// The append-only event journal: the active segment of a journal directory.
//
// Threading: append(), sync(), rotate() and close() are called from one thread, the reactor.
// A background syncer thread writes and syncs batches; durable_seq() and when_durable() may be
// used from any thread.
//
// Durability, by policy:
//   every_event  append() returns after the line is written and fdatasync'd, which append()
//                does itself on the calling thread (the syncer only drains lines queued
//                before it).
//   group        append() returns once the event is queued in memory; the syncer encodes
//                (the first few of a batch), writes and fdatasyncs queued events within
//                group_window of the first of them, or at once when someone waits in sync()
//                or when_durable(). The default. The idle syncer looks at the queue every
//                group_window, so append() wakes nobody.
//   none         like group, but never fdatasyncs: durable_seq() then means "handed to the OS",
//                which survives a process crash but not a power cut.
//
// Failure is sticky: after the first failed write or fdatasync, every append, sync and rotate
// fails with the same error, and the failure handler runs once. Linux reports a failed fsync
// once and may drop the dirty pages, so retrying could silently lose events.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/result.hpp"
#include "core/journal_port.hpp"

namespace strike::storage {

enum class durability { every_event, group, none };
std::optional<durability> durability_from_string(std::string_view s);
std::string_view to_string(durability d);

struct journal_options {
  std::filesystem::path dir;
  storage::durability durability = durability::group;
  std::chrono::milliseconds group_window{2};  // longest a queued line waits to be synced
  std::size_t max_queued_bytes = 64 << 20;    // append() blocks while this much is queued
};

struct journal_stats {
  std::int64_t bytes_written = 0;
  std::int64_t syncs = 0;
  std::int64_t last_sync_ns = 0;  // duration of the most recent write + fdatasync
  std::int64_t max_sync_ns = 0;
};

class journal final : public core::journal_port {
 public:
  using durable_handler = std::function<void(const status&)>;

  // Opens dir's active segment for appending after the event with seq last_seq, creating the
  // directory and the file (mode 0600) if needed. The segment must already be free of damage
  // (see read_journal and cut_torn_tail).
  static result<std::unique_ptr<journal>> open(const journal_options& options,
                                               std::int64_t last_seq);
  ~journal() override;  // close()

  status append(const events::event& e) override;
  status append_shared(std::shared_ptr<const events::event> e) override;
  std::int64_t last_seq() const override { return last_seq_; }

  // Seq of the last event known to be durable under the policy. Any thread.
  std::int64_t durable_seq() const;

  // Blocks until everything appended so far is durable; fails if the journal has failed.
  status sync();

  // Runs done once seq is durable, or with the error if the journal fails first. done runs on
  // the thread that made seq durable (the syncer, or under every_event the one in append()),
  // or at once on the caller's thread if seq is already durable: post it to your own executor.
  // Waiters are called before sync() returns to anyone blocked in it.
  void when_durable(std::int64_t seq, durable_handler done);

  // Registers the handler that runs once, on the thread whose write or fdatasync failed (the
  // syncer, or under every_event the one in append()), when the journal fails: before any
  // append(), sync() or durability waiter learns of the failure. It must not call the journal
  // (post to your own executor).
  void on_failure(std::function<void(const error&)> handler);

  // The sticky failure, if the journal has failed.
  std::optional<error> failure() const;

  // Syncs, renames the active segment to its closed-segment name for date, and starts a new
  // empty active segment. Does nothing when the active segment is empty.
  status rotate(const std::string& date);

  // Syncs and stops the syncer. Idempotent.
  status close();

  journal_stats stats() const;
  const std::filesystem::path& path() const { return path_; }
  // ts of the first event in the active segment; 0 while it is empty.
  std::int64_t first_ts() const { return first_ts_in_file_; }

  // Runs after every successful sync with the new durable seq and how long the write and
  // fdatasync took (ns), on the thread that synced (as for when_durable).
  using synced_handler = std::function<void(std::int64_t seq, std::int64_t took_ns)>;
  void on_synced(synced_handler handler);
  durability policy() const { return options_.durability; }

 private:
  explicit journal(const journal_options& options);
  // Under group and none durability with a window, the idle syncer looks at the queue every
  // window rather than sleeping until an append wakes it: an append then makes no system call
  // (waking a thread costs the deciding thread microseconds, more on a virtual machine), and an
  // event still waits at most one window. The price is a wake-up per window while idle.
  bool syncer_polls() const {
    return options_.durability != durability::every_event && options_.group_window.count() > 0;
  }
  status open_active();
  // held, when set, is e shared by its publisher: the syncer's queue keeps it instead of a copy.
  status append_event(const events::event& e, std::shared_ptr<const events::event> held);
  void run_syncer();
  // Writes batch and, unless the policy is none, fdatasyncs it; called without the lock.
  status write_batch(int fd, std::string_view batch);
  // Records the outcome of a batch ending at batch_seq, runs the hooks and waiters it
  // concerns, and wakes whoever waits; called with the lock, which it drops around the hooks.
  void settle_batch(std::unique_lock<std::mutex>& lock, const status& s, std::int64_t batch_seq,
                    std::size_t bytes, std::int64_t took);
  status fail_locked(error e);
  error failure_error(const error& e) const;
  status wait_durable(std::unique_lock<std::mutex>& lock, std::int64_t seq);

  journal_options options_;
  std::filesystem::path path_;
  int fd_ = -1;
  std::int64_t last_seq_ = 0;           // reactor thread only
  std::int64_t first_seq_in_file_ = 0;  // first seq in the active segment; 0 if empty
  std::int64_t first_ts_in_file_ = 0;
  std::string line_;  // reused encode buffer (every_event, and the line-limit check), reactor only

  mutable std::mutex mutex_;
  std::condition_variable wake_syncer_;
  std::condition_variable progress_;  // durable_seq_ advanced, queue drained, or failure
  // What is not yet handed to the syncer, in seq order: the events it is to encode, then the
  // lines encoded already; a bound on their bytes; how many events were left to the syncer
  // (deferred_per_batch once a line is queued), read without the lock by append(), which
  // changes it only under the lock, as the syncer does.
  static constexpr std::size_t deferred_per_batch = 64;
  std::vector<std::shared_ptr<const events::event>> queued_;
  std::string queued_lines_;
  std::size_t queued_bytes_ = 0;
  std::atomic<std::size_t> deferred_{0};
  std::int64_t queued_last_seq_ = 0;
  std::chrono::steady_clock::time_point queued_since_{};
  bool urgent_ = false;  // someone is waiting: sync without waiting for the window
  bool stopping_ = false;
  bool syncing_ = false;  // a batch is being written (by the syncer, or inline by append())
  std::int64_t durable_seq_ = 0;
  // durable_seq_ once its when_durable() handlers have been called: what sync() and a durable
  // append() wait for, so on their return every handler for what they made durable has run.
  std::int64_t settled_seq_ = 0;
  std::optional<error> failure_;
  std::vector<std::pair<std::int64_t, durable_handler>> waiters_;
  std::function<void(const error&)> on_failure_;
  synced_handler on_synced_;
  journal_stats stats_;
  std::thread syncer_;
};

}  // namespace strike::storage
