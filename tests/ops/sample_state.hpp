// A daemon state and metrics with something in every series: a few hundred realistic events
// folded (bars, filter rejections, whole trades, one position still open), feed reconnects,
// and latency observations in every histogram bucket, including beyond the last bound.
#pragma once

#include "core/state.hpp"
#include "daemon/commands/sample_events.hpp"
#include "daemon/metrics.hpp"

namespace strike::test {

struct sample_daemon {
  core::state state;
  core::bus_stats bus;
  daemon::metrics metrics;

  sample_daemon() {
    daemon::sample_events source(7);
    std::int64_t seq = 0;
    auto apply = [&](events::payload body) {
      ++seq;
      core::apply(state, events::event{{seq, 1'763'782'500'000'000'000 + seq * 1'000'000'000},
                                       std::move(body)});
    };
    apply(events::daemon_started{"0.1.0", 4242, "paper", "trend_alignment"});
    apply(events::feed_connected{"market", "smart-stream", 2, 0});
    // Stop in the middle of a trade, with its position open.
    while (seq < 400 || state.positions.empty()) apply(source.next().body);
    apply(events::broker_breaker_changed{"orders", events::breaker_state::open, 5});
    bus.published = seq;
    bus.duplicates_dropped = 3;
    metrics.reconnects = {{"market", 2}, {"orders", 1}};
    metrics.ticks = 123'456;
    metrics.memory_locked = true;
    std::int64_t ns = 10'000;  // 10 µs, doubling past the last bucket (10 s)
    for (int i = 0; i < 22; ++i, ns *= 2) {
      metrics.journal_sync.observe_ns(ns);
      metrics.tick_to_intent.observe_ns(ns / 3);
      if (i % 2 == 0) metrics.order_round_trip.observe_ns(ns * 5);
    }
  }

  std::string render() const {
    storage::journal_stats journal{81'920, 40, 120'000, 2'500'000};
    return daemon::render_metrics(metrics, {state, bus, journal, -12'345, true});
  }
};

}  // namespace strike::test
