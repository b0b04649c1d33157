// The long-running daemon: recovers its state from the journal, runs the reactor and the
// trading runtime, and shuts down cleanly — flattening first — on SIGTERM/SIGINT, after a set
// duration, or after the session closes.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/bus.hpp"
#include "core/clock.hpp"
#include "core/session/session_tracker.hpp"
#include "core/state.hpp"
#include "daemon/config.hpp"
#include "daemon/disk_space.hpp"
#include "daemon/metrics.hpp"
#include "storage/journal.hpp"

namespace strike::daemon {

class trading_runtime;
class alert_service;
class event_feed;
class status_endpoint;

struct run_options {
  std::optional<std::chrono::milliseconds> run_for;  // stop after this long
  bool status_lines = false;      // print a status line to stdout every few seconds
  bool exit_after_close = false;  // stop (with a summary) once the session has closed
};

class daemon_process {
 public:
  explicit daemon_process(config cfg);
  ~daemon_process();

  // Runs until shut down; returns the process exit code.
  int run(run_options options);

 private:
  bool start();
  void publish(events::payload body, core::publish_options options = {});
  void wait_for_signal();
  void wait_for_control_signal();
  void schedule_heartbeat();
  void on_heartbeat();
  void start_status_endpoint();
  void check_disk_space();
  void schedule_status_line();
  void maybe_rotate();
  void write_snapshot();
  void begin_shutdown(const std::string& source);
  void finish_shutdown(bool flat);
  void on_journal_failure(const error& e);
  // Cancels every timer and signal wait, so that the reactor has nothing left to wait for.
  void cancel_waits();
  void check_session();
  void check_exit_after_close();
  void give_up_flatten();
  void stop_not_flat();
  bool start_alerts();
  std::int64_t uptime_ns() const;
  // Journals why the start failed and a DaemonStopped; returns false.
  bool refuse_start(const std::string& code, const std::string& message);

  // First, so it is destroyed last: the runtime, the status endpoint and the timers below
  // hold I/O objects on it.
  boost::asio::io_context io_;
  config cfg_;
  std::unique_ptr<core::clock> clock_;
  core::state state_;
  std::unique_ptr<storage::journal> journal_;
  std::unique_ptr<core::bus> bus_;
  std::optional<core::session_calendar> calendar_;
  std::optional<core::session_tracker> session_;  // publishes the session transitions
  metrics metrics_;
  std::unique_ptr<trading_runtime> runtime_;
  std::unique_ptr<event_feed> feed_;  // what the dashboard's event stream serves
  std::unique_ptr<alert_service> alerts_;
  std::unique_ptr<status_endpoint> status_;
  std::optional<disk_report> disk_;
  bool disk_low_ = false;
  bool disk_check_failed_ = false;

  boost::asio::signal_set signals_;          // SIGTERM, SIGINT: shut down
  boost::asio::signal_set control_signals_;  // SIGHUP: reopen logs; SIGUSR1: kill switch
  boost::asio::steady_timer heartbeat_;
  boost::asio::steady_timer run_for_;
  boost::asio::steady_timer shutdown_deadline_;
  boost::asio::steady_timer status_timer_;

  run_options options_;
  std::chrono::steady_clock::time_point started_;
  std::string shutdown_source_;
  bool shutting_down_ = false;
  bool finished_ = false;
  bool journal_failed_ = false;
  bool giving_up_ = false;  // the flatten's deadline passed: cancelling what is left
  // How long cancels sent at the flatten's deadline are given to be confirmed.
  static constexpr std::chrono::seconds cancel_grace{5};
  int exit_code_ = 0;
};

}  // namespace strike::daemon
