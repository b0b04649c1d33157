// A journal like the ones operators read, written through the real bus and journal: yesterday's
// closed segment (a clean run that halted after losses) and today's active one holding a run
// that crashed, and a run after it that reconciled, was kill-switched and stopped cleanly. It
// has every event the recipes in docs/operations.md look for.
#pragma once

#include <doctest/doctest.h>

#include "core/bus.hpp"
#include "core/clock.hpp"
#include "core/ist.hpp"
#include "core/state.hpp"
#include "daemon/commands/sample_events.hpp"
#include "storage/journal.hpp"

namespace strike::test {

class operator_journal {
 public:
  // Writes the journal into dir (which must exist and be empty).
  explicit operator_journal(const std::filesystem::path& dir)
      : clock_(core::ist_time_ns(core::ist_date(core::system_clock().now_ns()), 9 * 60) -
               core::ns_per_day) {
    auto opened = storage::journal::open({dir, storage::durability::none}, 0);
    REQUIRE(opened.ok());
    journal_ = std::move(*opened);
    bus_ = std::make_unique<core::bus>(*journal_, clock_, state_.keys);
    bus_->fold_with([this](const events::event& e) { core::apply(state_, e); });

    clean_run_that_halts();
    REQUIRE(journal_->rotate(core::format_date(core::ist_date(clock_.now_ns()))).ok());
    clock_.advance_to(core::ist_time_ns(core::ist_date(clock_.now_ns()), 9 * 60) +
                      core::ns_per_day);
    run_that_crashes();
    run_after_the_crash();
    REQUIRE(journal_->close().ok());
  }

 private:
  void publish(events::payload body, core::publish_options options = {}) {
    clock_.advance_by(250'000'000);
    REQUIRE(bus_->publish(std::move(body), std::move(options)).ok());
  }

  void start(const char* config_sha) {
    publish(events::daemon_started{"0.1.0", 4100 + state_.lifecycle.starts, "paper",
                                   "trend_alignment"});
    publish(events::config_loaded{"/etc/strike/config.toml", config_sha, "group"});
    publish(events::recovery_completed{0, state_.last_seq, 3'500'000});
    publish(
        events::authenticated{"angelone", "login", clock_.now_ns() + 15 * 3600 * 1'000'000'000LL});
    publish(events::feed_connected{"market", "smart-stream", 3, 0});
    publish(events::feed_connected{"orders", "smart-order-update", 0, 0});
  }

  // Market events with whole trades in them, until `trades` positions have closed.
  void trade(int trades) {
    const std::int64_t until = state_.today.trades + trades;
    for (int n = 0; state_.today.trades < until; ++n) {
      REQUIRE(n < 10'000);
      auto next = samples_.next();
      publish(std::move(next.body), std::move(next.options));
    }
  }

  void stop(const char* source) {
    publish(events::shutdown_requested{source, clock_.now_ns() + 60'000'000'000LL});
    publish(events::flatten_completed{"shutdown", 0, 0, true, 40'000'000});
    publish(events::daemon_stopped{0, true, 6 * 3600 * 1'000'000'000LL});
  }

  void clean_run_that_halts() {
    start("aaaa");
    publish(events::reconciliation_completed{0, 0, 0, 0, true});
    publish(events::session_opened{core::format_date(core::ist_date(clock_.now_ns())),
                                   clock_.now_ns() + 6 * 3600 * 1'000'000'000LL, "", 3});
    publish(events::entry_filtered{"trend_alignment", "NSE:99926000", "adx_strength", 14.2, 20,
                                   "hourly ADX below the minimum"});
    publish(events::entry_filtered{"trend_alignment", "NSE:99926000", "vix_level", 23.4, 22,
                                   "India VIX above the band"});
    trade(2);
    publish(events::risk_rejected{"e7-90", "max_positions", "1 open position, 1 allowed"});
    publish(events::vix_breaker_tripped{25.6, "level", 25, 11.8});
    publish(events::vix_breaker_reset{19.4, 30LL * 60 * 1'000'000'000});
    trade(1);
    publish(events::broker_request_failed{"placeOrder", events::failure_kind::timeout, 0, "",
                                          "no reply in 7000 ms", 1, 750'000'000});
    publish(events::broker_request_failed{"getOrderBook", events::failure_kind::rate_limit, 403,
                                          "AB1004", "access rate exceeded", 1, 1'000'000'000});
    publish(events::trading_halted{"consecutive_losses", "day", false, "3 losing trades in a row"});
    publish(events::entry_filtered{"trend_alignment", "NSE:99926000", "halted", 1, 0,
                                   "trading is halted"});
    stop("SIGTERM");
  }

  void run_that_crashes() {
    start("aaaa");
    publish(events::reconciliation_completed{2, 0, 0, 0, true});
    trade(2);
    publish(events::feed_disconnected{"market", "silence", 500'000'000});
    publish(events::broker_request_failed{"modifyOrder", events::failure_kind::network, 0, "",
                                          "connection reset", 1, 750'000'000});
    publish(events::broker_breaker_changed{"orders", events::breaker_state::open, 5});
    publish(events::broker_breaker_changed{"orders", events::breaker_state::half_open, 5});
    publish(events::broker_breaker_changed{"orders", events::breaker_state::closed, 0});
    publish(events::order_rejected{"e7-91", "AB2001", "insufficient funds"});
    auto half = samples_.next();  // the crash lands in the middle of a trade
    publish(std::move(half.body), std::move(half.options));
  }

  void run_after_the_crash() {
    start("bbbb");
    publish(
        events::reconciliation_discrepancy{"fill_missed", "NFO:58010", "e7-6", 0, 65, "adopted"});
    publish(events::reconciliation_completed{4, 1, 0, 0, false});
    publish(events::error_raised{"disk", "low_disk_space",
                                 "state_dir /var/lib/strike: 400 MiB free, below 1024 MiB"});
    trade(2);
    publish(events::trading_halted{"kill_switch", "manual", true, "engaged by SIGUSR1"});
    publish(events::trading_resumed{"operator"});
    stop("SIGTERM");
  }

  core::virtual_clock clock_;
  core::state state_;
  std::unique_ptr<storage::journal> journal_;
  std::unique_ptr<core::bus> bus_;
  daemon::sample_events samples_{7};
};

}  // namespace strike::test
