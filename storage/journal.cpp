#include "storage/journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <tuple>

#include "base/failure_probes.hpp"
#include "base/file_io.hpp"
#include "events/codec.hpp"
#include "storage/journal_format.hpp"
#include "storage/segment_reader.hpp"
#include "storage/segments.hpp"

namespace strike::storage {
namespace {

std::int64_t elapsed_ns(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                              since)
      .count();
}

// Seq and ts of the first line of an existing segment; zeros when it is empty.
std::pair<std::int64_t, std::int64_t> first_event_of(const std::filesystem::path& path) {
  std::pair<std::int64_t, std::int64_t> first{0, 0};
  auto scan = scan_segment(path, 0, [&](const segment_line& line) -> status {
    first = {line.seq, leading_ts(line.text)};
    return error{"stop"};  // only the first line is needed
  });
  return scan ? first : std::pair<std::int64_t, std::int64_t>{0, 0};
}

}  // namespace

std::optional<durability> durability_from_string(std::string_view s) {
  if (s == "every_event") return durability::every_event;
  if (s == "group") return durability::group;
  if (s == "none") return durability::none;
  return std::nullopt;
}

std::string_view to_string(durability d) {
  switch (d) {
    case durability::every_event:
      return "every_event";
    case durability::group:
      return "group";
    case durability::none:
      return "none";
  }
  return "?";
}

journal::journal(const journal_options& options)
    : options_(options), path_(options.dir / active_segment_name) {}

result<std::unique_ptr<journal>> journal::open(const journal_options& options,
                                               std::int64_t last_seq) {
  if (auto s = base::ensure_directory(options.dir); !s) return s.error();
  std::unique_ptr<journal> j(new journal(options));
  j->last_seq_ = last_seq;
  j->durable_seq_ = last_seq;
  j->settled_seq_ = last_seq;
  j->queued_last_seq_ = last_seq;
  if (auto s = j->open_active(); !s) return s.error();
  j->syncer_ = std::thread([p = j.get()] { p->run_syncer(); });
  return j;
}

status journal::open_active() {
  const bool existed = std::filesystem::exists(path_);
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) return errno_error("open(" + path_.string() + ")", errno);
  ::fchmod(fd_, 0600);
  std::tie(first_seq_in_file_, first_ts_in_file_) =
      existed ? first_event_of(path_) : std::pair<std::int64_t, std::int64_t>{0, 0};
  if (!existed) return base::sync_directory(options_.dir);
  return {};
}

journal::~journal() {
  (void)close();
}

status journal::append(const events::event& e) {
  return append_event(e, nullptr);
}

status journal::append_shared(std::shared_ptr<const events::event> e) {
  const events::event& event = *e;
  return append_event(event, std::move(e));
}

status journal::append_event(const events::event& e, std::shared_ptr<const events::event> held) {
  // Under group and none the first events of a batch are encoded by the syncer, off the thread
  // that decides: this one only queues them (the publisher's shared event, or a copy). Past
  // those (a burst) it encodes them itself, so the syncer's share of a batch stays small and a
  // burst is not slower to make durable. An event that might not fit a line is always encoded
  // here, so it is refused now. A batch is thus its events to encode, then its lines.
  bool encode_here = options_.durability == durability::every_event ||
                     deferred_.load(std::memory_order_relaxed) >= deferred_per_batch;
  std::size_t bytes = 0;
  if (!encode_here) {
    bytes = events::encoded_size_bound(e) + crc_suffix_size + 1;
    encode_here = bytes > max_line_bytes;
  }
  if (encode_here) {
    line_.clear();
    events::encode(e, line_);
    seal_line(line_);
    if (line_.size() > max_line_bytes)
      return error{"event " + std::to_string(e.env.seq) + " (" + std::string(e.type_name()) +
                   ") encodes to " + std::to_string(line_.size()) + " bytes, over the line limit"};
    bytes = line_.size();
  }
  const bool inline_write = options_.durability == durability::every_event;

  std::unique_lock lock(mutex_);
  if (failure_) return *failure_;
  assert(e.env.seq == last_seq_ + 1 && "journal seq must be gap-free");
  progress_.wait(lock, [&] { return failure_ || queued_bytes_ < options_.max_queued_bytes; });
  if (failure_) return *failure_;
  const bool was_empty = queued_.empty() && queued_lines_.empty();
  queued_last_seq_ = e.env.seq;
  last_seq_ = e.env.seq;
  if (first_seq_in_file_ == 0) {
    first_seq_in_file_ = e.env.seq;
    first_ts_in_file_ = e.env.ts;
  }

  if (inline_write && was_empty && !syncing_) {
    // Written and synced here rather than by the syncer: handing each line over and waiting
    // for it would add two thread wake-ups to every event. syncing_ keeps the syncer off the
    // file meanwhile; waiters and hooks are served as after any batch.
    syncing_ = true;
    const int fd = fd_;
    lock.unlock();
    const auto started = std::chrono::steady_clock::now();
    const status s = write_batch(fd, line_);
    const std::int64_t took = elapsed_ns(started);
    lock.lock();
    settle_batch(lock, s, e.env.seq, line_.size(), took);
    return wait_durable(lock, e.env.seq);
  }
  if (was_empty) queued_since_ = std::chrono::steady_clock::now();
  if (encode_here) {
    queued_lines_.append(line_);
    deferred_.store(deferred_per_batch, std::memory_order_relaxed);  // lines from here on
  } else {
    queued_.push_back(held ? std::move(held) : std::make_shared<const events::event>(e));
    deferred_.fetch_add(1, std::memory_order_relaxed);
  }
  queued_bytes_ += bytes;
  if (inline_write) {
    urgent_ = true;
    wake_syncer_.notify_one();
    return wait_durable(lock, e.env.seq);
  }
  // A syncer that looks at the queue every window needs no waking; one that sleeps until woken
  // is woken with the lock released, so it does not wake only to wait for it.
  lock.unlock();
  if (was_empty && !syncer_polls()) wake_syncer_.notify_one();
  return {};
}

status journal::wait_durable(std::unique_lock<std::mutex>& lock, std::int64_t seq) {
  progress_.wait(lock, [&] { return failure_ || settled_seq_ >= seq; });
  if (settled_seq_ >= seq) return {};
  return *failure_;
}

std::int64_t journal::durable_seq() const {
  std::lock_guard lock(mutex_);
  return durable_seq_;
}

status journal::sync() {
  std::unique_lock lock(mutex_);
  if (failure_) return *failure_;
  if (settled_seq_ >= last_seq_) return {};
  urgent_ = true;
  wake_syncer_.notify_one();
  return wait_durable(lock, last_seq_);
}

void journal::when_durable(std::int64_t seq, durable_handler done) {
  std::unique_lock lock(mutex_);
  if (durable_seq_ >= seq || failure_) {
    const status s = durable_seq_ >= seq ? status{} : status{*failure_};
    lock.unlock();
    done(s);
    return;
  }
  waiters_.emplace_back(seq, std::move(done));
  urgent_ = true;
  wake_syncer_.notify_one();
}

void journal::on_synced(synced_handler handler) {
  std::lock_guard lock(mutex_);
  on_synced_ = std::move(handler);
}

void journal::on_failure(std::function<void(const error&)> handler) {
  std::lock_guard lock(mutex_);
  on_failure_ = std::move(handler);
}

std::optional<error> journal::failure() const {
  std::lock_guard lock(mutex_);
  return failure_;
}

journal_stats journal::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

error journal::failure_error(const error& e) const {
  return error{
      "journal " + path_.string() + " failed, no further events can be recorded: " + e.message,
      e.code};
}

status journal::fail_locked(error e) {
  if (!failure_) failure_ = failure_error(e);
  queued_.clear();
  queued_lines_.clear();
  queued_bytes_ = 0;
  deferred_.store(0, std::memory_order_relaxed);
  return *failure_;
}

void journal::run_syncer() {
  std::unique_lock lock(mutex_);
  std::vector<std::shared_ptr<const events::event>> events;
  std::string batch, lines;
  for (;;) {
    if ((queued_.empty() && queued_lines_.empty()) || failure_) {
      if (stopping_) return;
      if (syncer_polls() && !failure_)
        wake_syncer_.wait_for(lock, options_.group_window);
      else
        wake_syncer_.wait(lock);
      continue;
    }
    if (!urgent_ && !stopping_) {
      const auto deadline = queued_since_ + options_.group_window;
      if (std::chrono::steady_clock::now() < deadline) {
        wake_syncer_.wait_until(lock, deadline);
        continue;
      }
    }
    events.swap(queued_);
    lines.swap(queued_lines_);
    queued_bytes_ = 0;
    deferred_.store(0, std::memory_order_relaxed);
    const std::int64_t batch_seq = queued_last_seq_;
    const int fd = fd_;
    urgent_ = false;
    syncing_ = true;
    progress_.notify_all();  // the queue has room again
    lock.unlock();

    const auto started = std::chrono::steady_clock::now();
    for (const auto& e : events) {
      const std::size_t from = batch.size();
      events::encode(*e, batch);
      seal_line(batch, from);
    }
    // Nothing to encode: the lines are written as they are.
    const std::string& out = events.empty() ? lines : batch.append(lines);
    const status s = write_batch(fd, out);
    const std::int64_t took = elapsed_ns(started);
    events.clear();  // before the lock: freeing a batch's events must not hold up an append
    lock.lock();
    settle_batch(lock, s, batch_seq, out.size(), took);
    batch.clear();
    lines.clear();
  }
}

status journal::write_batch(int fd, std::string_view batch) {
  status s;
  if (base::probes::hit(base::probes::point::journal_write))
    s = errno_error("write(" + path_.string() + ")", EIO);
  else
    s = base::write_all(fd, batch, path_);
  if (s && options_.durability != durability::none) {
    if (base::probes::hit(base::probes::point::journal_fsync))
      s = errno_error("fdatasync(" + path_.string() + ")", EIO);
    else if (::fdatasync(fd) != 0)
      s = errno_error("fdatasync(" + path_.string() + ")", errno);
  }
  return s;
}

void journal::settle_batch(std::unique_lock<std::mutex>& lock, const status& s,
                           std::int64_t batch_seq, std::size_t bytes, std::int64_t took) {
  syncing_ = false;
  std::vector<std::pair<std::int64_t, durable_handler>> ready;
  if (!s) {
    if (!failure_ && on_failure_) {
      // The owner hears of the failure before anyone can see it: until the handler returns,
      // sync() and append() callers wait as for any write in progress.
      const auto handler = on_failure_;
      const error reported = failure_error(s.error());
      lock.unlock();
      handler(reported);
      lock.lock();
    }
    (void)fail_locked(s.error());
    ready.swap(waiters_);
  } else {
    stats_.bytes_written += static_cast<std::int64_t>(bytes);
    ++stats_.syncs;
    stats_.last_sync_ns = took;
    stats_.max_sync_ns = std::max(stats_.max_sync_ns, took);
    durable_seq_ = batch_seq;
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      if (it->first <= durable_seq_) {
        ready.push_back(std::move(*it));
        it = waiters_.erase(it);
      } else {
        ++it;
      }
    }
  }
  // The synced hook runs before anyone blocked in append() or sync() is woken, so the owner
  // learns of a new durable prefix first.
  if (s && on_synced_) {
    const auto synced = on_synced_;
    lock.unlock();
    synced(batch_seq, took);
    lock.lock();
  }
  // Waiters run before sync() callers wake, so once sync() returns every waiter for what it
  // made durable has been called.
  if (!ready.empty()) {
    const status outcome = failure_ ? status{*failure_} : status{};
    lock.unlock();
    for (auto& [seq, done] : ready) done(outcome);
    lock.lock();
  }
  if (s) settled_seq_ = batch_seq;
  progress_.notify_all();
}

status journal::rotate(const std::string& date) {
  if (auto s = sync(); !s) return s;
  std::unique_lock lock(mutex_);
  if (first_seq_in_file_ == 0) return {};
  const auto closed = options_.dir / closed_segment_name(date, first_seq_in_file_);
  if (std::filesystem::exists(closed))
    return error{"rotate: " + closed.string() + " already exists"};
  ::close(fd_);
  fd_ = -1;
  if (::rename(path_.c_str(), closed.c_str()) != 0)
    return fail_locked(
        errno_error("rename(" + path_.string() + ", " + closed.string() + ")", errno));
  if (auto s = base::sync_directory(options_.dir); !s) return fail_locked(s.error());
  if (auto s = open_active(); !s) return fail_locked(s.error());
  return {};
}

status journal::close() {
  status result;
  {
    std::unique_lock lock(mutex_);
    if (fd_ < 0 && !syncer_.joinable()) return {};
  }
  if (!failure()) result = sync();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_syncer_.notify_all();
  if (syncer_.joinable()) syncer_.join();
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  return result;
}

}  // namespace strike::storage
