// How the daemon stops: the flatten a signal starts, its deadline, and a failed journal.
#include <spdlog/spdlog.h>

#include "daemon/alerts/alert_service.hpp"
#include "daemon/daemon_process.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/run_summary.hpp"
#include "daemon/status_endpoint.hpp"
#include "daemon/systemd_notify.hpp"
#include "daemon/trading_runtime.hpp"

namespace strike::daemon {

namespace ev = strike::events;

void daemon_process::begin_shutdown(const std::string& source) {
  shutting_down_ = true;
  shutdown_source_ = source;
  systemd::stopping();
  systemd::status("stopping: " + source + ", flattening");
  SPDLOG_INFO("shutdown requested by {}: flattening", source);
  const std::int64_t deadline =
      clock_->now_ns() + cfg_.daemon.shutdown_timeout_ms * core::ns_per_ms;
  publish(ev::shutdown_requested{source, deadline});
  if (!runtime_) {
    publish(ev::flatten_completed{source, 0, 0, state_.positions.empty(), 0});
    finish_shutdown(state_.positions.empty());
    return;
  }
  // Two stages: ask the flatten to finish, and give up at the deadline (kept below systemd's
  // TimeoutStopSec, so the daemon, not systemd, decides what is journaled last).
  shutdown_deadline_.expires_after(std::chrono::milliseconds(cfg_.daemon.shutdown_timeout_ms));
  shutdown_deadline_.async_wait([this](boost::system::error_code ec) {
    if (ec || finished_) return;
    give_up_flatten();
  });
  runtime_->flatten("shutdown", [this](bool flat) {
    if (!finished_) finish_shutdown(flat);
  });
}

void daemon_process::give_up_flatten() {
  // Not flat in time (or the market is closed): whatever is still working at the broker is
  // cancelled, so nothing is left there for the next session, then the daemon stops not flat.
  SPDLOG_ERROR("the flatten did not finish within {} ms; cancelling every working order",
               cfg_.daemon.shutdown_timeout_ms);
  giving_up_ = true;
  runtime_->cancel_working("shutdown");
  shutdown_deadline_.expires_after(cancel_grace);
  shutdown_deadline_.async_wait([this](boost::system::error_code ec) {
    if (!ec) stop_not_flat();
  });
}

void daemon_process::stop_not_flat() {
  if (finished_) return;
  if (core::has_open_orders(state_))
    SPDLOG_ERROR("orders still open at the broker: see the journal");
  publish(ev::flatten_completed{shutdown_source_, 0, 0, false,
                                cfg_.daemon.shutdown_timeout_ms * core::ns_per_ms});
  finish_shutdown(false);
}

void daemon_process::finish_shutdown(bool flat) {
  if (finished_) return;
  finished_ = true;
  if (runtime_) runtime_->stop();
  if (status_) status_->close();
  if (!flat && exit_code_ == 0) exit_code_ = exit_code::not_flat;
  if (options_.exit_after_close || options_.status_lines)
    print_run_summary(state_, journal_ ? journal_->path() : std::filesystem::path());
  publish(ev::daemon_stopped{exit_code_, flat && !journal_failed_, uptime_ns()});
  if (!journal_failed_) {
    if (auto s = journal_->sync(); !s) on_journal_failure(s.error());
  }
  write_snapshot();
  if (journal_) (void)journal_->close();
  // After DaemonStopped, so that it is among the alerts delivered before the process ends.
  if (alerts_) alerts_->close();
  cancel_waits();
  SPDLOG_INFO("stopped at seq {}{}", state_.last_seq, flat ? ", flat" : ", NOT flat");
  io_.stop();
}

void daemon_process::on_journal_failure(const error& e) {
  if (journal_failed_) return;
  journal_failed_ = true;
  exit_code_ = exit_code::journal_failed;
  SPDLOG_CRITICAL("{}; trading stopped, nothing more can be recorded, exiting", e.message);
  systemd::status("journal failed: " + e.message);
  if (runtime_) runtime_->stop();
  if (status_) status_->close();
  cancel_waits();
  finished_ = true;
  io_.stop();
}

void daemon_process::cancel_waits() {
  heartbeat_.cancel();
  run_for_.cancel();
  shutdown_deadline_.cancel();
  status_timer_.cancel();
  signals_.cancel();
  control_signals_.cancel();
}

}  // namespace strike::daemon
