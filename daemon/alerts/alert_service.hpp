// Alerts for the running daemon: it watches every journaled event on the bus, turns the ones the
// rules name into alerts, lets the gate drop duplicates and floods, and hands the rest to one
// worker per sink. At each session close it writes the day's report and sends its summary.
//
// Everything on the reactor is a push into a bounded queue; delivery, retries and the day's
// report happen on other threads. What could not be delivered is reported through lost_fn for
// the daemon to journal.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "daemon/alerts/alerts_config.hpp"

namespace strike::core {
class bus;
}

namespace strike::daemon {

struct alert_service_options {
  alerts_section cfg;
  std::string mode;  // "paper", "live": named in every message
  std::filesystem::path journal_dir;
  std::filesystem::path report_dir;  // where the day's report is written
  std::int64_t capital_paise = 0;    // the base of the report's returns
};

class alert_service {
 public:
  // Called from any thread with an ErrorRaised code ("alert_undelivered", "alert_dropped",
  // "day_summary_failed") and a message without secrets.
  using lost_fn = std::function<void(const std::string& code, const std::string& message)>;

  // Reads the sinks' secrets and the TLS roots; fails, saying which, when one cannot be read.
  static result<std::unique_ptr<alert_service>> create(alert_service_options options,
                                                       lost_fn on_lost);
  ~alert_service();

  // Subscribes to every event on bus.
  void attach(core::bus& bus);

  // Finishes the day's report if one is being written, delivers what is queued within flush_ms,
  // and stops; later events are ignored.
  void close();

  // The alert series for /metrics: sent, failed, dropped and queued by sink; suppressed by
  // reason.
  std::string metrics() const;

  struct shared;

 private:
  explicit alert_service(std::shared_ptr<shared> s);
  std::shared_ptr<shared> s_;  // shared with the bus's handler, which outlives the service
};

}  // namespace strike::daemon
