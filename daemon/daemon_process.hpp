// The long-running daemon: recovers its state from the journal, runs the reactor, and shuts
// down cleanly on SIGTERM/SIGINT or after a set duration.
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
#include "storage/journal.hpp"

namespace strike::daemon {

class daemon_process {
 public:
  explicit daemon_process(config cfg);
  ~daemon_process();

  // Runs until shut down; returns the process exit code.
  int run(std::optional<std::chrono::milliseconds> run_for);

 private:
  bool start();
  void publish(events::payload body, core::publish_options options = {});
  void wait_for_signal();
  void schedule_heartbeat();
  void on_heartbeat();
  void maybe_rotate();
  void write_snapshot();
  void begin_shutdown(const std::string& source);
  void finish_shutdown();
  void on_journal_failure(const error& e);
  void check_session();

  config cfg_;
  std::unique_ptr<core::clock> clock_;  // from make_clock(): the system clock until config names another
  core::state state_;
  std::unique_ptr<storage::journal> journal_;
  std::unique_ptr<core::bus> bus_;
  std::optional<core::session_calendar> calendar_;
  std::optional<core::session_tracker> session_;  // publishes the session transitions

  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer heartbeat_;
  boost::asio::steady_timer run_for_;

  std::chrono::steady_clock::time_point started_;
  std::string shutdown_source_;
  bool shutting_down_ = false;
  bool journal_failed_ = false;
  int exit_code_ = 0;
};

}  // namespace strike::daemon
