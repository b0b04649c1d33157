// The runtime's start-up sequence and its market subscriptions.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "brokers/paper/paper_broker.hpp"
#include "brokers/timekeeper.hpp"
#include "core/engine/session_engine.hpp"
#include "core/ist.hpp"
#include "core/market/bar_grid.hpp"
#include "core/trading/trading_engine.hpp"
#include "daemon/broker_candles.hpp"
#include "daemon/option_chain_adapter.hpp"
#include "daemon/order_executor.hpp"
#include "daemon/reconciler.hpp"
#include "daemon/trading_runtime.hpp"

namespace strike::daemon {

namespace ev = strike::events;
namespace asio = boost::asio;

namespace {

constexpr int band_strikes = 5;                  // strikes each side of the money
constexpr std::int64_t band_step_paise = 50'00;  // NIFTY strikes are ₹50 apart

std::int64_t retry_delay_ns(int attempt) {
  return std::min<std::int64_t>(1'000'000'000LL << std::min(attempt, 5), 30'000'000'000LL);
}

}  // namespace

asio::awaitable<void> trading_runtime::startup() {
  for (int attempt = 0; !stopped_; ++attempt) {
    auto s = co_await market_broker_->ensure_session();
    if (s) break;
    SPDLOG_WARN("login failed: {}; trying again", s.error().message);
    co_await time_->wait(retry_delay_ns(attempt));
  }
  std::shared_ptr<const brokers::instrument_index> index;
  for (int attempt = 0; !stopped_ && !index; ++attempt) {
    auto got = co_await market_broker_->instruments();
    if (got) {
      index = *got;
      break;
    }
    SPDLOG_WARN("instrument master: {}; trying again", got.error().message);
    co_await time_->wait(retry_delay_ns(attempt));
  }
  if (stopped_) co_return;
  chain_ = std::make_unique<index_option_chain>(index);
  session_->set_options(chain_.get());
  if (paper_) paper_->restore(state_);

  // What happened at the broker while the daemon was down comes into the journal first; nothing
  // is sent (the engine waits for ReconciliationCompleted) until the books have been read.
  for (int attempt = 0; !stopped_; ++attempt) {
    auto summary = co_await reconcile(bus_, state_, *orders_broker_, *executor_,
                                      cfg_.runtime.reconcile.unknown_positions);
    if (summary) {
      SPDLOG_INFO(
          "reconciliation: {} orders checked, {} fills adopted, {} orders closed, {} unknown "
          "positions{}",
          summary->orders_checked, summary->fills_adopted, summary->orders_closed,
          summary->positions_unknown, summary->agreed ? "; the journal and the broker agree" : "");
      for (const auto& instrument : summary->to_flatten)
        engine_->exit_position(instrument, "reconcile");
      break;
    }
    if (attempt == 0)
      publish(ev::error_raised{"reconciliation", "books_unreadable", summary.error().message});
    SPDLOG_ERROR("reconciliation: {}; nothing is traded until the books can be read; trying again",
                 summary.error().message);
    co_await time_->wait(retry_delay_ns(attempt));
  }
  if (stopped_) co_return;
  engine_->resume();
  executor_->resume();
  co_await warm_up();
  if (stopped_) co_return;

  subscribe_market();
  market_feed_->start();
  if (order_feed_) order_feed_->start();
  schedule_market_timer();
  started_ = true;
  SPDLOG_INFO("trading runtime started: {} instruments, strategy {}", index->size(),
              strategy_->name());
}

asio::awaitable<void> trading_runtime::warm_up() {
  const std::int64_t now = clock_.now_ns();
  for (const auto& [tf, bars] : strategy_->warmup()) {
    const std::int64_t len = core::market::bar_period::of(tf).nominal_ns();
    // Calendar time holding `bars` trading bars: weekends, holidays and nights in between.
    const std::int64_t span =
        tf == ev::timeframe::d1 ? len * (bars * 3 / 2 + 10) : len * (bars * 4 + 48);
    const std::int64_t last_start = now - len;  // completed bars only
    brokers::candle_request request{underlying_, interval_of(tf), now - span, last_start};
    auto candles = co_await market_broker_->candles(std::move(request));
    if (!candles) {
      SPDLOG_WARN("warm-up: {} candles of {}: {}", ev::to_string(tf), underlying_,
                  candles.error().message);
      continue;
    }
    std::vector<core::market::bar> history;
    history.reserve(candles->size());
    for (const auto& c : *candles)
      history.push_back(
          {c.open_ns, c.open_paise, c.high_paise, c.low_paise, c.close_paise, c.volume, 0});
    session_->warm_up(underlying_, tf, history);
    SPDLOG_INFO("warm-up: {} {} bars of {}", candles->size(), ev::to_string(tf), underlying_);
  }
}

void trading_runtime::subscribe_market() {
  std::vector<std::string> indices = session_->bar_instruments();
  if (std::find(indices.begin(), indices.end(), cfg_.trading.trading.vix_instrument) ==
      indices.end())
    indices.push_back(cfg_.trading.trading.vix_instrument);
  if (auto s = market_feed_->subscribe(indices, brokers::feed_mode::quote); !s)
    SPDLOG_ERROR("subscribe {}: {}", indices.front(), s.error().message);
  refresh_option_band();
}

void trading_runtime::refresh_option_band() {
  if (!chain_ || !engine_) return;
  const auto* q = engine_->market().find(underlying_);
  if (!q || q->ltp <= 0) return;
  if (band_center_paise_ != 0 && std::llabs(q->ltp - band_center_paise_) < band_step_paise) return;
  band_center_paise_ = q->ltp;

  std::set<std::string> wanted;
  const std::string today = core::format_date(core::ist_date(clock_.now_ns()));
  auto expiries = chain_->expiries(underlying_name_, today);
  if (expiries.size() > 2) expiries.resize(2);
  for (const auto& expiry : expiries)
    for (int k = -band_strikes; k <= band_strikes; ++k)
      for (bool call : {true, false})
        if (auto c = chain_->nearest(underlying_name_, expiry, q->ltp + k * band_step_paise, call))
          wanted.insert(c->instrument);
  // Whatever is held or working stays subscribed, wherever the market has gone.
  for (const auto& [instrument, p] : state_.positions)
    if (p.qty != 0) wanted.insert(instrument);
  for (const auto& [key, o] : state_.orders)
    if (!core::is_terminal(o.status)) wanted.insert(o.instrument);

  std::vector<std::string> add, drop;
  for (const auto& i : wanted)
    if (std::find(band_.begin(), band_.end(), i) == band_.end()) add.push_back(i);
  for (const auto& i : band_)
    if (!wanted.count(i)) drop.push_back(i);
  if (!drop.empty()) (void)market_feed_->unsubscribe(drop);
  if (!add.empty())
    if (auto s = market_feed_->subscribe(add, brokers::feed_mode::snap_quote); !s)
      SPDLOG_ERROR("subscribe options: {}", s.error().message);
  band_.assign(wanted.begin(), wanted.end());
}

}  // namespace strike::daemon
