#include "daemon/alerts/sink_worker.hpp"

#include <pthread.h>

#include <algorithm>
#include <csignal>

namespace strike::daemon {

sink_worker::sink_worker(std::unique_ptr<alert_sink> sink, sink_worker_options options,
                         lost_fn on_lost)
    : sink_(std::move(sink)), options_(std::move(options)), on_lost_(std::move(on_lost)) {
  thread_ = std::thread([this] { run(); });
}

sink_worker::~sink_worker() {
  close(std::chrono::steady_clock::now());
}

void sink_worker::push(alert a) {
  {
    std::lock_guard lock(mu_);
    if (!closing_ && queue_.size() < options_.capacity) {
      queue_.push_back(std::move(a));
      wake_.notify_one();
      return;
    }
  }
  ++dropped_;
  on_lost_(a, options_.name + ": queue full (" + std::to_string(options_.capacity) +
                  " waiting), alert dropped");
}

void sink_worker::close(std::chrono::steady_clock::time_point by) {
  {
    std::lock_guard lock(mu_);
    if (!closing_ || by < flush_by_) flush_by_ = by;
    closing_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::int64_t sink_worker::queued() const {
  std::lock_guard lock(mu_);
  return static_cast<std::int64_t>(queue_.size());
}

void sink_worker::run() {
  // A command that exits without reading its input must not kill the daemon with SIGPIPE.
  sigset_t pipe;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
  for (;;) {
    alert next;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;
      if (closing_ && std::chrono::steady_clock::now() >= flush_by_) break;
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    deliver(next);
  }
  std::deque<alert> left;
  {
    std::lock_guard lock(mu_);
    left.swap(queue_);
  }
  for (const auto& a : left) {
    ++failed_;
    on_lost_(a, options_.name + ": not delivered before the daemon stopped");
  }
}

void sink_worker::deliver(const alert& a) {
  std::int64_t delay = options_.first_retry_ns;
  delivery_outcome outcome;
  for (std::int64_t attempt = 0;; ++attempt) {
    outcome = sink_->deliver(a);
    if (outcome.delivered) {
      ++sent_;
      return;
    }
    if (!outcome.retry || attempt >= options_.retries) break;
    if (!pause(std::max(delay, outcome.retry_after_ns))) break;
    delay = std::min(delay * 2, options_.max_retry_ns);
  }
  ++failed_;
  on_lost_(a, options_.name + ": " + outcome.error);
}

bool sink_worker::pause(std::int64_t ns) {
  std::unique_lock lock(mu_);
  const auto until = std::chrono::steady_clock::now() + std::chrono::nanoseconds(ns);
  wake_.wait_until(lock, until, [&] { return closing_; });
  if (!closing_) return true;
  // Closing: one more attempt only if its time comes before the flush deadline.
  if (until > flush_by_) return false;
  wake_.wait_until(lock, until, [] { return false; });
  return true;
}

}  // namespace strike::daemon
