#include "daemon/alerts/alert_rules.hpp"

#include <cstdio>
#include <type_traits>

#include "events/codec.hpp"

namespace strike::daemon {

namespace ev = strike::events;

namespace {

std::string fixed(double v, int places) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", places, v);
  return buf;
}

std::string seconds(std::int64_t ns) {
  return std::to_string(ns / 1'000'000'000) + " s";
}

struct described {
  std::string text;
  std::string key;  // appended to the type name
  alert_severity severity = alert_severity::warning;
  bool wanted = true;
};

described describe(const ev::trading_halted& p) {
  const bool grave = p.reason == "daily_loss" || p.reason == "kill_switch";
  std::string text = "trading halted: " + p.reason + " (" + p.scope + ")";
  if (p.flatten) text += ", flattening";
  if (!p.detail.empty()) text += ": " + p.detail;
  return {text, p.reason, grave ? alert_severity::critical : alert_severity::warning};
}

described describe(const ev::vix_breaker_tripped& p) {
  return {"VIX breaker tripped at " + fixed(p.vix, 2) + " (" + p.trigger + ", threshold " +
              fixed(p.threshold, 2) + ", change " + fixed(p.change_pct, 1) + " %)",
          ""};
}

described describe(const ev::vix_breaker_reset& p) {
  return {"VIX breaker reset at " + fixed(p.vix, 2) + " after " + seconds(p.calm_ns) + " calm", "",
          alert_severity::info};
}

described describe(const ev::order_rejected& p) {
  return {"order " + p.order + " rejected: " + p.code + " " + p.reason, p.code + " " + p.reason};
}

described describe(const ev::order_outcome_unknown& p) {
  return {"order " + p.order + ": outcome of " + p.operation + " unknown (" + p.reason +
              "); the books will tell",
          p.order + " " + p.operation, alert_severity::critical};
}

described describe(const ev::reconciliation_discrepancy& p) {
  return {"reconciliation: " + p.kind + " " + p.instrument +
              (p.order.empty() ? "" : " order " + p.order) + ", journal qty " +
              std::to_string(p.journal_qty) + " vs broker " + std::to_string(p.broker_qty) + ", " +
              p.action,
          p.kind + " " + p.instrument + " " + p.order, alert_severity::critical};
}

described describe(const ev::feed_stale& p) {
  return {"feed " + p.feed + " silent for " + seconds(p.silent_ns), p.feed};
}

described describe(const ev::flatten_completed& p) {
  described d{"flatten (" + p.reason + ") incomplete: positions are still open", p.reason,
              alert_severity::critical};
  d.wanted = !p.flat;
  return d;
}

described describe(const ev::auth_failed& p) {
  return {"login to " + p.broker + " failed (" + p.method + "): " + p.code + " " + p.message,
          p.method, alert_severity::critical};
}

described describe(const ev::daemon_started& p) {
  return {"started: striked " + p.version + ", pid " + std::to_string(p.pid) + ", strategy " +
              p.strategy,
          "", alert_severity::info};
}

described describe(const ev::daemon_stopped& p) {
  return {std::string("stopped ") + (p.clean ? "cleanly" : "NOT cleanly") + ", exit code " +
              std::to_string(p.exit_code),
          "", p.clean ? alert_severity::info : alert_severity::critical};
}

described describe(const ev::error_raised& p) {
  described d{"error in " + p.component + ": " + p.code + " " + p.message,
              p.component + " " + p.code};
  d.wanted = p.component != "alerts";
  return d;
}

// Any other type: its name and fields as journaled.
template <class T>
described describe(const T& p) {
  std::string fields;
  ev::encode_payload_fields(ev::payload(p), fields);
  return {std::string(T::type_name) + " {" + fields + "}", ""};
}

}  // namespace

alert_rules::alert_rules(const std::vector<std::string>& types, std::string mode)
    : prefix_("Strike (" + mode + "): ") {
  for (const auto& name : types)
    if (auto index = ev::type_index_of(name)) types_.insert(*index);
}

std::optional<alert> alert_rules::alert_for(const ev::event& e) const {
  if (!types_.contains(e.type_index())) return std::nullopt;
  const described d = std::visit([](const auto& p) { return describe(p); }, e.body);
  if (!d.wanted) return std::nullopt;
  alert a;
  a.type = std::string(e.type_name());
  a.key = d.key.empty() ? a.type : a.type + " " + d.key;
  a.severity = d.severity;
  a.text = prefix_ + d.text;
  a.seq = e.env.seq;
  a.ts = e.env.ts;
  ev::encode(e, a.event_json);
  return a;
}

}  // namespace strike::daemon
