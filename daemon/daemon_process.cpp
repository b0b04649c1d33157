#include "daemon/daemon_process.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <csignal>
#include <cstdio>
#include <thread>

#include "base/failure_probes.hpp"
#include "core/ist.hpp"
#include "core/state_codec.hpp"
#include "daemon/alerts/alert_service.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/holidays_file.hpp"
#include "daemon/logging.hpp"
#include "daemon/market_clock.hpp"
#include "daemon/memory_lock.hpp"
#include "daemon/recovery.hpp"
#include "daemon/run_summary.hpp"
#include "daemon/status_endpoint.hpp"
#include "daemon/systemd_notify.hpp"
#include "daemon/trading_runtime.hpp"
#include "daemon/version.hpp"
#include "storage/snapshot.hpp"

namespace strike::daemon {

namespace ev = strike::events;

daemon_process::daemon_process(config cfg)
    : cfg_(std::move(cfg)),
      clock_(make_market_clock(cfg_.runtime.clock)),
      signals_(io_, SIGINT, SIGTERM),
      control_signals_(io_, SIGHUP, SIGUSR1),
      heartbeat_(io_),
      run_for_(io_),
      shutdown_deadline_(io_),
      status_timer_(io_) {}

daemon_process::~daemon_process() {
  // The journal's syncer calls back into the runtime (an order goes out once its event is
  // durable, daemon/order_executor.cpp): it stops before the runtime is destroyed.
  if (journal_) (void)journal_->close();
}

int daemon_process::run(run_options options) {
  options_ = options;
  started_ = std::chrono::steady_clock::now();
  if (cfg_.daemon.lock_memory) {
    // Before the daemon's threads start; those started later are locked as they are mapped.
    const auto lock = lock_memory();
    metrics_.memory_locked = lock.locked;
    if (lock.locked)
      SPDLOG_INFO("memory locked: every page resident");
    else
      SPDLOG_WARN("memory not locked: {}", lock.detail);
  }
  if (!start()) return exit_code_;
  wait_for_signal();
  wait_for_control_signal();
  schedule_heartbeat();
  if (options_.status_lines) schedule_status_line();
  if (options_.run_for) {
    run_for_.expires_after(*options_.run_for);
    run_for_.async_wait([this](boost::system::error_code ec) {
      if (!ec && !shutting_down_) begin_shutdown("duration");
    });
  }
  check_disk_space();
  start_status_endpoint();
  if (runtime_) runtime_->start();
  if (auto interval = systemd::watchdog_interval();
      interval && std::chrono::milliseconds(cfg_.daemon.heartbeat_ms) * 2 > *interval)
    SPDLOG_WARN(
        "heartbeat_ms {} is more than half the unit's WatchdogSec ({} ms): a busy moment "
        "may be taken for a hung daemon",
        cfg_.daemon.heartbeat_ms, interval->count() / 1000);
  systemd::ready();
  systemd::status("running");
  SPDLOG_INFO("striked {} running: mode {}, journal {} ({}), seq {}", version, cfg_.daemon.mode,
              journal_->path().string(), storage::to_string(cfg_.journal.durability),
              state_.last_seq);
  io_.run();
  return exit_code_;
}

bool daemon_process::start() {
  if (!start_alerts()) return false;
  const auto& dir = cfg_.daemon.state_dir;
  auto rec = recover(dir, {.use_snapshots = true, .repair = true});
  if (!rec) {
    SPDLOG_CRITICAL("cannot recover the journal in {}: {}", dir.string(), rec.error().message);
    exit_code_ = exit_code::journal_damaged;
    return false;
  }
  for (const auto& w : rec->warnings) SPDLOG_WARN("recovery: {}", w);
  state_ = std::move(rec->state);
  // A halt for low disk space outlives a restart; the first check lifts it if there is room.
  disk_low_ = state_.risk.halted_for(disk_space_halt);

  storage::journal_options options{dir, cfg_.journal.durability,
                                   std::chrono::milliseconds(cfg_.journal.group_commit_ms),
                                   static_cast<std::size_t>(cfg_.journal.max_queued_mb) << 20};
  auto opened = storage::journal::open(options, state_.last_seq);
  if (!opened) {
    SPDLOG_CRITICAL("cannot open the journal: {}", opened.error().message);
    exit_code_ = exit_code::journal_failed;
    return false;
  }
  journal_ = std::move(*opened);
  journal_->on_synced([this](std::int64_t, std::int64_t took_ns) {
    boost::asio::post(io_, [this, took_ns] { metrics_.journal_sync.observe_ns(took_ns); });
  });
  journal_->on_failure(
      [this](const error& e) { boost::asio::post(io_, [this, e] { on_journal_failure(e); }); });
  bus_ = std::make_unique<core::bus>(*journal_, *clock_, state_.keys);
  const std::int64_t last_journaled_ns = state_.last_ts;
  bus_->fold_with([this](const ev::event& e) { core::apply(state_, e); });
  // From the first event of this run, so the dashboard's stream can start with the daemon's.
  if (cfg_.status.enabled)
    feed_ = std::make_unique<event_feed>(*bus_, 500, [this](std::function<void()> release) {
      boost::asio::post(io_, std::move(release));
    });
  alerts_->attach(*bus_);

  publish(ev::daemon_started{std::string(version), static_cast<std::int64_t>(::getpid()),
                             cfg_.daemon.mode, ""});
  publish(ev::config_loaded{cfg_.path.string(), cfg_.sha256,
                            std::string(storage::to_string(cfg_.journal.durability))});
  if (rec->repair) {
    SPDLOG_WARN("journal: cut a torn tail: {}; {} bytes kept in {}", rec->repair_reason,
                rec->repair->bytes_cut, rec->repair->saved_as.string());
    publish(ev::journal_repaired{rec->repaired_segment.string(), rec->repair->offset,
                                 rec->repair->bytes_cut, rec->repair->saved_as.string(),
                                 rec->repair_reason});
  }
  publish(ev::recovery_completed{rec->snapshot_seq, rec->events_applied, rec->duration_ns});
  SPDLOG_INFO("recovered state at seq {} from snapshot {} + {} events in {:.1f} ms",
              state_.last_seq, rec->snapshot_seq, rec->events_applied, rec->duration_ns / 1e6);

  auto calendar = make_session_calendar(cfg_.session);
  if (!calendar) return refuse_start("calendar", "session calendar: " + calendar.error().message);
  calendar_.emplace(std::move(*calendar));
  // Transitions missed while the daemon was down are published now; a new journal starts its
  // session history at today's midnight (IST).
  const std::int64_t since = last_journaled_ns > 0
                                 ? last_journaled_ns
                                 : core::ist_time_ns(core::ist_date(clock_->now_ns()), 0);
  session_.emplace(*calendar_, since);

  if (cfg_.daemon.trading) {
    if (cfg_.daemon.mode == "backtest")
      return refuse_start("mode", "mode \"backtest\" is for backtests, not for striked run");
    runtime_ =
        std::make_unique<trading_runtime>(io_, cfg_, *bus_, state_, *journal_, *clock_, metrics_);
    runtime_->before_market([this] { check_session(); });
    if (auto s = runtime_->create(); !s)
      return refuse_start("trading", "cannot start trading: " + s.error().message);
  }
  check_session();
  // The start is on disk before the daemon reports itself ready.
  if (auto s = journal_->sync(); !s) on_journal_failure(s.error());
  return !journal_failed_;
}

bool daemon_process::refuse_start(const std::string& code, const std::string& message) {
  SPDLOG_CRITICAL("{}", message);
  exit_code_ = exit_code::usage;
  // The journal says why this start ended, and that it did, before the process exits.
  publish(ev::error_raised{"startup", code, message});
  publish(ev::daemon_stopped{exit_code_, false, uptime_ns()});
  if (!journal_failed_) (void)journal_->sync();
  return false;
}

void daemon_process::publish(events::payload body, core::publish_options options) {
  if (journal_failed_) return;
  auto r = bus_->publish(std::move(body), std::move(options));
  if (!r) on_journal_failure(r.error());
}

void daemon_process::wait_for_signal() {
  signals_.async_wait([this](boost::system::error_code ec, int signo) {
    if (ec) return;
    const std::string name = signo == SIGTERM ? "SIGTERM" : "SIGINT";
    if (shutting_down_) {
      // The second signal: stop laddering, cross every remaining exit at market now.
      SPDLOG_WARN("{} during the flatten: crossing the remaining exits at market", name);
      if (runtime_) runtime_->cross_now();
    } else {
      begin_shutdown(name);
    }
    if (!finished_) wait_for_signal();
  });
}

void daemon_process::wait_for_control_signal() {
  control_signals_.async_wait([this](boost::system::error_code ec, int signo) {
    if (ec) return;
    if (signo == SIGHUP) {
      SPDLOG_INFO("SIGHUP: reopening the log file");
      reopen_log_file();
    } else if (signo == SIGUSR1 && runtime_) {
      SPDLOG_WARN("SIGUSR1: kill switch engaged; remove {} to resume",
                  (cfg_.daemon.state_dir / "KILL").string());
      runtime_->engage_kill_switch("SIGUSR1");
    }
    if (!finished_) wait_for_control_signal();
  });
}

void daemon_process::schedule_heartbeat() {
  heartbeat_.expires_after(std::chrono::milliseconds(cfg_.daemon.heartbeat_ms));
  heartbeat_.async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    on_heartbeat();
    schedule_heartbeat();
  });
}

void daemon_process::on_heartbeat() {
  // The watchdog is fed from the reactor itself, so a stalled reactor is a missed ping.
  if (base::probes::hit(base::probes::point::reactor_stall))
    std::this_thread::sleep_for(std::chrono::hours(1));
  systemd::watchdog();
  check_session();
  check_exit_after_close();
  if (giving_up_ && !core::has_open_orders(state_)) stop_not_flat();
  maybe_rotate();
  check_disk_space();
  if (runtime_) runtime_->on_heartbeat();
}

bool daemon_process::start_alerts() {
  // A lost alert is journaled on the reactor; one lost while the daemon stops is only logged.
  auto lost = [this](const std::string& code, const std::string& message) {
    SPDLOG_WARN("alerts: {}", message);
    boost::asio::post(io_, [this, code, message] {
      if (!finished_ && !journal_failed_) publish(ev::error_raised{"alerts", code, message});
    });
  };
  auto made = alert_service::create(
      {cfg_.alerts, cfg_.daemon.mode, cfg_.daemon.state_dir, cfg_.daemon.state_dir / "reports",
       cfg_.trading.trading.risk.capital_paise},
      lost);
  if (!made) {
    SPDLOG_CRITICAL("alerts: {}", made.error().message);
    exit_code_ = exit_code::usage;
    return false;
  }
  alerts_ = std::move(*made);
  return true;
}

void daemon_process::start_status_endpoint() {
  if (!cfg_.status.enabled) return;
  std::string token;
  if (cfg_.status.token) {
    auto secret = read_secret(*cfg_.status.token);
    if (!secret) {
      // Never served without the token it was configured with.
      SPDLOG_ERROR("status endpoint not started: its token: {}", secret.error().message);
      publish(ev::error_raised{"status", "token_unreadable", secret.error().message});
      return;
    }
    token = std::move(*secret);
  }
  status_ = std::make_unique<status_endpoint>(
      io_,
      status_sources{cfg_, state_, *bus_, *journal_, metrics_, runtime_, journal_failed_, disk_,
                     *feed_, alerts_.get()},
      std::move(token));
  auto port = status_->listen();
  if (!port) {
    // The endpoint is for watching; a taken port must not keep positions from being managed.
    SPDLOG_ERROR("status endpoint on {}:{} not started: {}", cfg_.status.address, cfg_.status.port,
                 port.error().message);
    publish(ev::error_raised{"status", "listen_failed", port.error().message});
    status_.reset();
    return;
  }
  SPDLOG_INFO("status: the dashboard, /healthz and /metrics on http://{}:{}", cfg_.status.address,
              *port);
}

void daemon_process::check_disk_space() {
  auto report = check_disk(cfg_.daemon.state_dir, cfg_.daemon.log_dir, cfg_.daemon.min_free_mb);
  if (!report) {
    if (!disk_check_failed_) SPDLOG_WARN("disk space not checked: {}", report.error().message);
    disk_check_failed_ = true;
    return;
  }
  disk_check_failed_ = false;
  disk_ = std::move(*report);
  if (disk_->low() == disk_low_) return;
  disk_low_ = disk_->low();
  const std::string detail = disk_->describe(cfg_.daemon.min_free_mb);
  if (disk_low_) {
    SPDLOG_ERROR("disk space low: {}; new entries halted", detail);
    publish(ev::error_raised{"disk", "low_space", detail});
  } else {
    SPDLOG_INFO("disk space back above the minimum: {}", detail);
  }
  if (runtime_) runtime_->on_disk_space(disk_low_, detail);
}

void daemon_process::check_session() {
  for (auto& t : session_->advance_to(clock_->now_ns())) {
    if (auto* exit = std::get_if<ev::end_of_day_exit>(&t.body))
      exit->positions = static_cast<std::int64_t>(state_.positions.size());
    SPDLOG_INFO("session: {} at {}", ev::type_names()[t.body.index()], core::format_ist(t.at_ns));
    publish(std::move(t.body));
  }
}

void daemon_process::check_exit_after_close() {
  if (!options_.exit_after_close || shutting_down_) return;
  // Today's session is over (closed by the calendar, whether this process saw it open or not), or
  // there is none today: an exchange holiday or a weekend.
  const std::int64_t now = clock_->now_ns();
  const auto today = calendar_->schedule(core::ist_date(now));
  if (!today.trading)
    begin_shutdown("no_session");
  else if (now >= today.close_ns && state_.session.phase == "closed")
    begin_shutdown("session_closed");
}

void daemon_process::schedule_status_line() {
  status_timer_.expires_after(std::chrono::seconds(2));
  status_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || finished_) return;
    if (runtime_) std::printf("%s\n", runtime_->status_line().c_str());
    std::fflush(stdout);
    schedule_status_line();
  });
}

void daemon_process::maybe_rotate() {
  const std::int64_t first = journal_->first_ts();
  if (first == 0 || journal_failed_) return;
  const std::int64_t now = clock_->now_ns();
  std::int64_t boundary = core::ist_time_ns(core::ist_date(now), cfg_.journal.rotate_at_minutes);
  if (boundary > now) boundary -= core::ns_per_day;
  if (first >= boundary) return;
  const std::string date = core::format_date(core::ist_date(first));
  if (auto s = journal_->rotate(date); !s) {
    on_journal_failure(s.error());
    return;
  }
  SPDLOG_INFO("journal: closed the {} segment at seq {}", date, state_.last_seq);
  write_snapshot();
}

void daemon_process::write_snapshot() {
  if (journal_failed_ || !journal_->sync()) return;
  std::string json;
  core::encode_state(state_, json);
  if (auto s = storage::write_snapshot(cfg_.daemon.state_dir, state_.last_seq, json,
                                       static_cast<int>(cfg_.journal.snapshots_kept));
      !s) {
    SPDLOG_ERROR("snapshot at seq {} not written: {}", state_.last_seq, s.error().message);
    return;
  }
  SPDLOG_INFO("snapshot written at seq {} ({} bytes)", state_.last_seq, json.size());
}

std::int64_t daemon_process::uptime_ns() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                              started_)
      .count();
}

}  // namespace strike::daemon
