// One sink's delivery thread: a bounded queue in front of it, each alert tried until it is
// delivered, refused for good, or out of retries (backoff from 1 s, doubling, up to a minute, or
// what the receiver asks for). The reactor only ever pushes, which never waits on delivery.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "daemon/alerts/alert.hpp"
#include "daemon/alerts/alert_sinks.hpp"

namespace strike::daemon {

struct sink_worker_options {
  std::string name;  // "webhook[0]": the /metrics label and how messages name the sink
  std::size_t capacity = 256;
  std::int64_t retries = 5;
  std::int64_t first_retry_ns = 1'000'000'000;
  std::int64_t max_retry_ns = 60'000'000'000;
};

class sink_worker {
 public:
  // Told (from the worker thread) of every alert that was not delivered, and why.
  using lost_fn = std::function<void(const alert&, const std::string& why)>;

  sink_worker(std::unique_ptr<alert_sink> sink, sink_worker_options options, lost_fn on_lost);
  ~sink_worker();  // close() with no time to flush
  sink_worker(const sink_worker&) = delete;
  sink_worker& operator=(const sink_worker&) = delete;

  // Queues a; when the queue is full, a is dropped, counted and reported to on_lost.
  void push(alert a);

  // Delivers what is queued until `by`, then stops the thread; alerts left are reported lost.
  void close(std::chrono::steady_clock::time_point by);

  const std::string& name() const { return options_.name; }
  std::int64_t sent() const { return sent_; }
  std::int64_t failed() const { return failed_; }
  std::int64_t dropped() const { return dropped_; }
  std::int64_t queued() const;

 private:
  void run();
  void deliver(const alert& a);
  // Waits ns, or less when closing; false when there is no time left for another attempt.
  bool pause(std::int64_t ns);

  std::unique_ptr<alert_sink> sink_;
  sink_worker_options options_;
  lost_fn on_lost_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<alert> queue_;
  bool closing_ = false;
  std::chrono::steady_clock::time_point flush_by_{};
  std::atomic<std::int64_t> sent_{0};
  std::atomic<std::int64_t> failed_{0};
  std::atomic<std::int64_t> dropped_{0};
  std::thread thread_;
};

}  // namespace strike::daemon
