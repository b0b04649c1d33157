// The daemon's measurements, rendered in the Prometheus text format for /metrics. Updated on
// the reactor thread only.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/bus.hpp"
#include "core/state.hpp"
#include "storage/journal.hpp"

namespace strike::daemon {

// Latency histogram with fixed buckets from 1 µs to 10 s: a decision takes microseconds, a
// broker's answer tens of milliseconds, and both must be told apart from their neighbours.
class latency_histogram {
 public:
  static constexpr std::array<double, 21> bounds_s{
      0.000001, 0.0000025, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001,
      0.00025,  0.0005,    0.001,    0.0025,  0.005,    0.01,    0.025,
      0.05,     0.1,       0.25,     0.5,     1.0,      2.5,     10.0};
  void observe_ns(std::int64_t ns);
  std::int64_t count() const { return count_; }
  // Appends # HELP/# TYPE and the series for `name`.
  void render(std::string& out, std::string_view name, std::string_view help) const;

 private:
  std::array<std::int64_t, bounds_s.size()> buckets_{};  // per bucket, not yet cumulative
  std::int64_t count_ = 0;
  double sum_s_ = 0;
};

struct metrics {
  latency_histogram journal_sync;        // write + fdatasync of one batch
  latency_histogram tick_to_intent;      // a market update to the order intent it caused
  latency_histogram order_round_trip;    // an order sent to the broker's answer
  latency_histogram order_journal_wait;  // a request journaled to its sending (durability wait)
  std::map<std::string, std::int64_t> reconnects;  // by feed
  std::int64_t ticks = 0;
  bool memory_locked = false;  // [daemon] lock_memory took effect (daemon/memory_lock.hpp)
};

struct metrics_snapshot {
  const core::state& state;
  const core::bus_stats& bus;
  storage::journal_stats journal;
  std::int64_t unrealized_paise = 0;
  bool ready = false;
};

// The whole /metrics body.
std::string render_metrics(const metrics& m, const metrics_snapshot& s);

}  // namespace strike::daemon
