// The runtime's start-up sequence and its market subscriptions.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "brokers/paper/paper_broker.hpp"
#include "brokers/timekeeper.hpp"
#include "core/engine/session_engine.hpp"
#include "core/ist.hpp"
#include "core/market/bar_grid.hpp"
#include "core/trading/trading_engine.hpp"
#include "daemon/broker_candles.hpp"
#include "daemon/broker_link.hpp"
#include "daemon/option_band.hpp"
#include "daemon/order_executor.hpp"
#include "daemon/reconcile_schedule.hpp"
#include "daemon/reconciler.hpp"
#include "daemon/trading_runtime.hpp"

namespace strike::daemon {

namespace ev = strike::events;
namespace asio = boost::asio;

namespace {

std::int64_t retry_delay_ns(int attempt) {
  return std::min<std::int64_t>(1'000'000'000LL << std::min(attempt, 5), 30'000'000'000LL);
}

}  // namespace

asio::awaitable<void> trading_runtime::startup() {
  for (int attempt = 0; !stopped_; ++attempt) {
    auto s = co_await broker_->market().ensure_session();
    if (s) break;
    SPDLOG_WARN("login failed: {}; trying again", s.error().message);
    co_await broker_->time().wait(retry_delay_ns(attempt));
  }
  std::shared_ptr<const brokers::instrument_index> index;
  for (int attempt = 0; !stopped_ && !index; ++attempt) {
    auto got = co_await broker_->market().instruments();
    if (got) {
      index = *got;
      break;
    }
    SPDLOG_WARN("instrument master: {}; trying again", got.error().message);
    co_await broker_->time().wait(retry_delay_ns(attempt));
  }
  if (stopped_) co_return;
  std::vector<std::string> names;
  for (const auto& u : underlyings_) names.push_back(u.name);
  for (const auto& u : underlyings_)
    bands_.push_back(std::make_unique<option_band>(index, u.name, u.option_step_paise));
  bands_.front()->take_the_rest(std::vector<std::string>(names.begin() + 1, names.end()));
  session_->set_options(&bands_.front()->chain());
  if (auto* paper = broker_->paper()) paper->restore(state_);

  // What happened at the broker while the daemon was down comes into the journal first; nothing
  // is sent (the engine waits for ReconciliationCompleted) until the books have been read.
  for (int attempt = 0; !stopped_; ++attempt) {
    auto summary = co_await reconcile(bus_, state_, broker_->orders(), *executor_,
                                      cfg_.runtime.reconcile.unknown_positions);
    if (summary) {
      SPDLOG_INFO(
          "reconciliation: {} orders checked, {} fills adopted, {} orders closed, {} unknown "
          "positions{}",
          summary->orders_checked, summary->fills_adopted, summary->orders_closed,
          summary->positions_unknown, summary->agreed ? "; the journal and the broker agree" : "");
      for (const auto& key : summary->to_flatten) engine_->exit_position(key, "reconcile");
      break;
    }
    if (attempt == 0)
      publish(ev::error_raised{"reconciliation", "books_unreadable", summary.error().message});
    SPDLOG_ERROR("reconciliation: {}; nothing is traded until the books can be read; trying again",
                 summary.error().message);
    co_await broker_->time().wait(retry_delay_ns(attempt));
  }
  if (stopped_) co_return;
  engine_->resume();
  executor_->resume();
  co_await warm_up();
  if (stopped_) co_return;

  subscribe_market();
  broker_->start_feeds();
  schedule_market_timer();
  reconciliations_->start();
  started_ = true;
  std::string instances;
  for (const auto& st : strategies_)
    instances += (instances.empty() ? "" : ", ") + std::string(st->name());
  SPDLOG_INFO("trading runtime started: {} instruments, {} strategy instance(s): {}", index->size(),
              strategies_.size(), instances);
}

asio::awaitable<void> trading_runtime::warm_up() {
  const std::int64_t now = clock_.now_ns();
  for (const auto& [tf, bars] : session_->warmup()) {
    const std::int64_t len = core::market::bar_period::of(tf).nominal_ns();
    // Calendar time holding `bars` trading bars: weekends, holidays and nights in between.
    const std::int64_t span =
        tf == ev::timeframe::d1 ? len * (bars * 3 / 2 + 10) : len * (bars * 4 + 48);
    const std::int64_t last_start = now - len;  // completed bars only
    for (const auto& u : underlyings_) {
      brokers::candle_request request{u.index, interval_of(tf), now - span, last_start};
      auto candles = co_await broker_->market().candles(std::move(request));
      if (!candles) {
        SPDLOG_WARN("warm-up: {} candles of {}: {}", ev::to_string(tf), u.index,
                    candles.error().message);
        continue;
      }
      session_->warm_up(u.index, tf, bars_of(*candles));
      SPDLOG_INFO("warm-up: {} {} bars of {}", candles->size(), ev::to_string(tf), u.index);
    }
  }
}

asio::awaitable<void> trading_runtime::prepare_session() {
  // Tokens expire daily: log in afresh before every session, so no feed is left on a dead one.
  if (auto s = co_await broker_->market().relogin(); !s)
    SPDLOG_WARN("re-login before the session: {}", s.error().message);
  // The exchange lists new contracts and drops expired ones overnight. A failed download keeps
  // yesterday's list: the strategy asks for expiries from today on, so none of it is traded.
  auto got = co_await broker_->market().instruments();
  if (!got) {
    SPDLOG_WARN("instrument master before the session: {}; keeping the last one",
                got.error().message);
    co_return;
  }
  if (bands_.empty() || stopped_ || &bands_.front()->chain().index() == got->get()) co_return;
  for (auto& band : bands_) band->replace_index(*got);
  refresh_option_band();
}

void trading_runtime::subscribe_market() {
  std::vector<std::string> indices = session_->bar_instruments();
  if (std::find(indices.begin(), indices.end(), cfg_.trading.trading.vix_instrument) ==
      indices.end())
    indices.push_back(cfg_.trading.trading.vix_instrument);
  if (auto s = broker_->market_feed().subscribe(indices, brokers::feed_mode::quote); !s)
    SPDLOG_ERROR("subscribe {}: {}", indices.front(), s.error().message);
  refresh_option_band();
}

void trading_runtime::refresh_option_band(std::string_view index) {
  if (!engine_) return;
  for (std::size_t i = 0; i < bands_.size(); ++i) {
    const auto& u = underlyings_[i];
    if (!index.empty() && u.index != index) continue;
    if (const auto* q = engine_->market().find(u.index))
      bands_[i]->refresh(q->ltp, state_, clock_.now_ns(), broker_->market_feed());
  }
}

}  // namespace strike::daemon
