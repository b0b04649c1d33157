#include "daemon/daemon_process.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <csignal>

#include "core/ist.hpp"
#include "core/state_codec.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/holidays_file.hpp"
#include "daemon/recovery.hpp"
#include "daemon/systemd_notify.hpp"
#include "daemon/version.hpp"
#include "storage/snapshot.hpp"

namespace strike::daemon {

namespace ev = strike::events;

namespace {
// The clock the daemon runs on: the system clock in every mode today. A scaled clock (demo,
// simulator) or a virtual one (backtest) is chosen here once config names one.
std::unique_ptr<core::clock> make_clock(const config&) { return std::make_unique<core::system_clock>(); }
}  // namespace

daemon_process::daemon_process(config cfg)
    : cfg_(std::move(cfg)),
      clock_(make_clock(cfg_)),
      signals_(io_, SIGINT, SIGTERM),
      heartbeat_(io_),
      run_for_(io_) {}

daemon_process::~daemon_process() = default;

int daemon_process::run(std::optional<std::chrono::milliseconds> run_for) {
  started_ = std::chrono::steady_clock::now();
  if (!start()) return exit_code_;
  wait_for_signal();
  schedule_heartbeat();
  if (run_for) {
    run_for_.expires_after(*run_for);
    run_for_.async_wait([this](boost::system::error_code ec) {
      if (!ec) begin_shutdown("duration");
    });
  }
  systemd::ready();
  systemd::status("running");
  SPDLOG_INFO("striked {} running: mode {}, journal {} ({}), seq {}", version, cfg_.daemon.mode,
              journal_->path().string(), storage::to_string(cfg_.journal.durability),
              state_.last_seq);
  io_.run();
  return exit_code_;
}

bool daemon_process::start() {
  const auto& dir = cfg_.daemon.state_dir;
  auto rec = recover(dir, {.use_snapshots = true, .repair = true});
  if (!rec) {
    SPDLOG_CRITICAL("cannot recover the journal in {}: {}", dir.string(), rec.error().message);
    exit_code_ = exit_code::journal_damaged;
    return false;
  }
  for (const auto& w : rec->warnings) SPDLOG_WARN("recovery: {}", w);
  state_ = std::move(rec->state);

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
  journal_->on_failure([this](const error& e) {
    boost::asio::post(io_, [this, e] { on_journal_failure(e); });
  });
  bus_ = std::make_unique<core::bus>(*journal_, *clock_, state_.keys);
  const std::int64_t last_journaled_ns = state_.last_ts;
  bus_->subscribe_all("state", [this](const ev::event& e) { core::apply(state_, e); });

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
  if (!calendar) {
    SPDLOG_CRITICAL("session calendar: {}", calendar.error().message);
    exit_code_ = exit_code::usage;
    return false;
  }
  calendar_.emplace(std::move(*calendar));
  // Transitions missed while the daemon was down are published now; a new journal starts its
  // session history at today's midnight (IST).
  const std::int64_t since = last_journaled_ns > 0 ? last_journaled_ns
                                                   : core::ist_time_ns(core::ist_date(clock_->now_ns()), 0);
  session_.emplace(*calendar_, since);
  check_session();
  // The start is on disk before the daemon reports itself ready.
  if (auto s = journal_->sync(); !s) on_journal_failure(s.error());
  return !journal_failed_;
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
      SPDLOG_WARN("{} during shutdown: already stopping", name);
    } else {
      begin_shutdown(name);
    }
    if (!io_.stopped()) wait_for_signal();
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
  systemd::watchdog();
  check_session();
  maybe_rotate();
}

void daemon_process::check_session() {
  for (auto& t : session_->advance_to(clock_->now_ns())) {
    if (auto* exit = std::get_if<ev::end_of_day_exit>(&t.body))
      exit->positions = static_cast<std::int64_t>(state_.positions.size());
    SPDLOG_INFO("session: {} at {}", ev::type_names()[t.body.index()], core::format_ist(t.at_ns));
    publish(std::move(t.body));
  }
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

void daemon_process::begin_shutdown(const std::string& source) {
  shutting_down_ = true;
  shutdown_source_ = source;
  systemd::stopping();
  systemd::status("stopping: " + source);
  SPDLOG_INFO("shutdown requested by {}", source);
  const std::int64_t deadline = clock_->now_ns() + cfg_.daemon.shutdown_timeout_ms * core::ns_per_ms;
  publish(ev::shutdown_requested{source, deadline});
  finish_shutdown();
}

void daemon_process::finish_shutdown() {
  const auto uptime = std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::steady_clock::now() - started_)
                          .count();
  const bool flat = state_.positions.empty();
  publish(ev::flatten_completed{shutdown_source_, 0, 0, flat, 0});
  publish(ev::daemon_stopped{exit_code_, flat && !journal_failed_, uptime});
  if (!journal_failed_) {
    if (auto s = journal_->sync(); !s) on_journal_failure(s.error());
  }
  write_snapshot();
  if (journal_) (void)journal_->close();
  heartbeat_.cancel();
  run_for_.cancel();
  signals_.cancel();
  SPDLOG_INFO("stopped at seq {}", state_.last_seq);
  io_.stop();
}

void daemon_process::on_journal_failure(const error& e) {
  if (journal_failed_) return;
  journal_failed_ = true;
  exit_code_ = exit_code::journal_failed;
  SPDLOG_CRITICAL("{}; trading stopped, nothing more can be recorded, exiting", e.message);
  systemd::status("journal failed: " + e.message);
  heartbeat_.cancel();
  run_for_.cancel();
  signals_.cancel();
  io_.stop();
}

}  // namespace strike::daemon
