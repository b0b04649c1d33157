#include "daemon/alerts/alert_service.hpp"

#include <spdlog/spdlog.h>

#include <thread>
#include <vector>

#include "brokers/http/tls_context.hpp"
#include "core/bus.hpp"
#include "daemon/alerts/alert_gate.hpp"
#include "daemon/alerts/alert_rules.hpp"
#include "daemon/alerts/day_summary.hpp"
#include "daemon/alerts/sink_worker.hpp"

namespace strike::daemon {

namespace ev = strike::events;

struct alert_service::shared {
  alert_service_options options;
  lost_fn on_lost;
  alert_rules rules;
  alert_gate gate;
  std::vector<std::unique_ptr<sink_worker>> workers;
  std::thread summary;
  bool closed = false;

  shared(alert_service_options o, lost_fn lost)
      : options(std::move(o)),
        on_lost(std::move(lost)),
        rules(options.cfg.events, options.mode),
        gate(options.cfg.dedup_s * 1'000'000'000, options.cfg.max_per_minute) {}

  void push(const alert& a) {
    for (auto& w : workers) w->push(a);
  }

  void on_event(const ev::event& e) {
    if (closed) return;
    if (const auto* c = std::get_if<ev::session_closed>(&e.body)) summarize(*c, e);
    // The day's summary goes before the news of the stop; the daemon is stopping anyway.
    if (std::holds_alternative<ev::daemon_stopped>(e.body) && summary.joinable()) summary.join();
    if (workers.empty()) return;
    auto a = rules.alert_for(e);
    if (a && gate.admit(*a) == alert_gate::verdict::send) push(*a);
  }

  void summarize(const ev::session_closed& c, const ev::event& e) {
    if (!options.cfg.daily_report && workers.empty()) return;
    if (summary.joinable()) summary.join();
    day_summary_request request{options.journal_dir, options.report_dir, c.date, e.env.seq,
                                options.capital_paise};
    summary = std::thread([this, request, ts = e.env.ts] {
      auto s = summarize_day(request);
      if (!s) {
        on_lost("day_summary_failed", "the day's summary: " + s.error().message);
        return;
      }
      SPDLOG_INFO("day summary: {}", s->text);
      alert a;
      a.type = "DaySummary";
      a.key = "DaySummary " + request.date;
      a.severity = alert_severity::info;
      a.text = "Strike (" + options.mode + "): " + s->text;
      a.seq = request.through_seq;
      a.ts = ts;
      push(a);
    });
  }
};

alert_service::alert_service(std::shared_ptr<shared> s) : s_(std::move(s)) {}

alert_service::~alert_service() {
  close();
}

result<std::unique_ptr<alert_service>> alert_service::create(alert_service_options options,
                                                             lost_fn on_lost) {
  const auto& cfg = options.cfg;
  std::shared_ptr<boost::asio::ssl::context> tls;
  if (!cfg.webhooks.empty() || !cfg.telegrams.empty()) {
    auto made = brokers::http::make_tls_context(cfg.ca_file);
    if (!made) return error{"[alerts] ca_file: " + made.error().message};
    tls = *made;
  }
  const std::int64_t timeout_ns = cfg.timeout_ms * 1'000'000;
  std::vector<std::pair<std::string, std::unique_ptr<alert_sink>>> sinks;
  for (std::size_t i = 0; i < cfg.webhooks.size(); ++i) {
    auto sink = make_webhook_sink(cfg.webhooks[i], tls, timeout_ns);
    if (!sink)
      return error{"[[alerts.webhook]] " + std::to_string(i + 1) + ": " + sink.error().message};
    sinks.emplace_back("webhook[" + std::to_string(i) + "]", std::move(*sink));
  }
  for (std::size_t i = 0; i < cfg.telegrams.size(); ++i) {
    auto sink = make_telegram_sink(cfg.telegrams[i], tls, timeout_ns);
    if (!sink)
      return error{"[[alerts.telegram]] " + std::to_string(i + 1) + ": " + sink.error().message};
    sinks.emplace_back("telegram[" + std::to_string(i) + "]", std::move(*sink));
  }
  for (std::size_t i = 0; i < cfg.commands.size(); ++i)
    sinks.emplace_back("command[" + std::to_string(i) + "]",
                       make_command_sink(cfg.commands[i], timeout_ns));

  auto s = std::make_shared<shared>(std::move(options), std::move(on_lost));
  for (auto& [name, sink] : sinks) {
    sink_worker_options wo;
    wo.name = name;
    wo.capacity = static_cast<std::size_t>(s->options.cfg.queue);
    wo.retries = s->options.cfg.retries;
    auto lost = [raw = s.get()](const alert& a, const std::string& why) {
      raw->on_lost(
          why.find("queue full") != std::string::npos ? "alert_dropped" : "alert_undelivered",
          why + ": " + a.type + (a.seq ? " (seq " + std::to_string(a.seq) + ")" : "") + ": " +
              a.text);
    };
    s->workers.push_back(std::make_unique<sink_worker>(std::move(sink), wo, lost));
  }
  return std::unique_ptr<alert_service>(new alert_service(std::move(s)));
}

void alert_service::attach(core::bus& bus) {
  // The types that can raise an alert, and the two the service acts on itself: every other
  // event goes by without calling it.
  auto types = core::bus::types_of<ev::session_closed, ev::daemon_stopped>();
  for (const std::size_t t : s_->rules.types()) types.set(t);
  bus.subscribe_all(
      "alerts", [s = s_](const ev::event& e) { s->on_event(e); }, types);
}

void alert_service::close() {
  if (s_->closed) return;
  s_->closed = true;
  if (s_->summary.joinable()) s_->summary.join();
  const auto by =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(s_->options.cfg.flush_ms);
  for (auto& w : s_->workers) w->close(by);
}

std::string alert_service::metrics() const {
  std::string out;
  const auto series = [&](const char* name, const char* type, const char* help, auto value) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
    for (const auto& w : s_->workers)
      out += std::string(name) + "{sink=\"" + w->name() + "\"} " + std::to_string(value(*w)) + "\n";
  };
  series("strike_alerts_sent_total", "counter", "Alerts delivered, by sink.",
         [](const sink_worker& w) { return w.sent(); });
  series("strike_alerts_failed_total", "counter",
         "Alerts not delivered after every retry (each journaled), by sink.",
         [](const sink_worker& w) { return w.failed(); });
  series("strike_alerts_dropped_total", "counter",
         "Alerts dropped because the sink's queue was full (each journaled), by sink.",
         [](const sink_worker& w) { return w.dropped(); });
  series("strike_alerts_queued", "gauge", "Alerts waiting for delivery, by sink.",
         [](const sink_worker& w) { return w.queued(); });
  out +=
      "# HELP strike_alerts_suppressed_total Alerts not sent: duplicates within dedup_s, or "
      "over max_per_minute.\n# TYPE strike_alerts_suppressed_total counter\n";
  out += "strike_alerts_suppressed_total{reason=\"duplicate\"} " +
         std::to_string(s_->gate.duplicates()) + "\n";
  out += "strike_alerts_suppressed_total{reason=\"rate_limit\"} " +
         std::to_string(s_->gate.rate_limited()) + "\n";
  return out;
}

}  // namespace strike::daemon
