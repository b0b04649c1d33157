#include "daemon/metrics.hpp"

#include <cstdio>

namespace strike::daemon {
namespace {

void header(std::string& out, std::string_view name, std::string_view help, std::string_view type) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void sample(std::string& out, std::string_view name, std::int64_t value,
            std::string_view labels = {}) {
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(std::to_string(value)).append("\n");
}

void gauge(std::string& out, std::string_view name, std::string_view help, std::int64_t value) {
  header(out, name, help, "gauge");
  sample(out, name, value);
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

void latency_histogram::observe_ns(std::int64_t ns) {
  const double s = static_cast<double>(ns) / 1e9;
  for (std::size_t i = 0; i < bounds_s.size(); ++i) {
    if (s <= bounds_s[i]) {
      ++buckets_[i];
      break;
    }
  }
  ++count_;
  sum_s_ += s;
}

void latency_histogram::render(std::string& out, std::string_view name,
                               std::string_view help) const {
  header(out, name, help, "histogram");
  std::int64_t cumulative = 0;
  for (std::size_t i = 0; i < bounds_s.size(); ++i) {
    cumulative += buckets_[i];
    sample(out, std::string(name) + "_bucket", cumulative, "le=\"" + number(bounds_s[i]) + "\"");
  }
  sample(out, std::string(name) + "_bucket", count_, "le=\"+Inf\"");
  out.append(name).append("_sum ").append(number(sum_s_)).append("\n");
  sample(out, std::string(name) + "_count", count_);
}

std::string render_metrics(const metrics& m, const metrics_snapshot& s) {
  std::string out;
  out.reserve(8192);
  gauge(out, "strike_ready", "1 when the daemon has passed its self-test and may trade.",
        s.ready ? 1 : 0);
  gauge(out, "strike_journal_seq", "Seq of the last journaled event.", s.state.last_seq);
  gauge(out, "strike_memory_locked",
        "1 when every page of the daemon is resident ([daemon] lock_memory).",
        m.memory_locked ? 1 : 0);

  header(out, "strike_events_total", "Events journaled, by type (since the journal began).",
         "counter");
  const auto& names = events::type_names();
  for (std::size_t i = 0; i < events::type_count; ++i)
    if (s.state.counts[i])
      sample(out, "strike_events_total", s.state.counts[i],
             "type=\"" + std::string(names[i]) + "\"");

  header(out, "strike_bus_duplicates_dropped_total",
         "Events dropped because their idempotency key was journaled.", "counter");
  sample(out, "strike_bus_duplicates_dropped_total", s.bus.duplicates_dropped);
  header(out, "strike_subscriber_errors_total", "Subscribers that threw while handling an event.",
         "counter");
  sample(out, "strike_subscriber_errors_total", s.bus.subscriber_errors);

  m.journal_sync.render(out, "strike_journal_sync_seconds",
                        "Write and fdatasync of one journal batch.");
  header(out, "strike_journal_bytes_written_total",
         "Bytes appended to the journal by this process.", "counter");
  sample(out, "strike_journal_bytes_written_total", s.journal.bytes_written);
  m.tick_to_intent.render(out, "strike_tick_to_intent_seconds",
                          "From the market update to the order intent it caused.");
  m.order_round_trip.render(out, "strike_order_round_trip_seconds",
                            "From sending an order to the broker's answer.");
  m.order_journal_wait.render(
      out, "strike_order_journal_wait_seconds",
      "From an order request journaled to its sending: the wait for it to be durable.");

  std::int64_t open = 0;
  for (const auto& [key, p] : s.state.positions) open += p.qty != 0;
  gauge(out, "strike_open_positions", "Open positions.", open);
  gauge(out, "strike_realized_pnl_paise", "Today's realised P&L, net of charges, in paise.",
        s.state.today.realized_pnl_paise);
  gauge(out, "strike_unrealized_pnl_paise",
        "Unrealised P&L of open positions at the latest prices, in paise.", s.unrealized_paise);
  gauge(out, "strike_trades_today", "Positions closed today.", s.state.today.trades);
  gauge(out, "strike_halted", "1 while new entries are halted.", s.state.risk.halted ? 1 : 0);
  gauge(out, "strike_vix_breaker_tripped", "1 while the VIX circuit breaker is tripped.",
        s.state.risk.vix_tripped ? 1 : 0);

  header(out, "strike_feed_reconnects_total", "Feed reconnections, by feed.", "counter");
  for (const auto& [feed, n] : m.reconnects)
    sample(out, "strike_feed_reconnects_total", n, "feed=\"" + feed + "\"");
  header(out, "strike_ticks_total", "Market ticks received.", "counter");
  sample(out, "strike_ticks_total", m.ticks);
  return out;
}

}  // namespace strike::daemon
