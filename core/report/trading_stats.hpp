// The statistics of any journal — a live day, a paper week, a backtest — computed from its
// events alone: trades, win rate, P&L, charges, drawdown, risk-adjusted returns on daily
// returns, profit factor, expectancy, streaks, exposure, and entries filtered by reason.
//
// Pure: feed it every event in journal order, then read the result. Money stays in paise;
// ratios are doubles.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "events/event.hpp"

namespace strike::core::report {

struct trading_stats {
  std::int64_t trades = 0;
  std::int64_t wins = 0;
  std::int64_t losses = 0;
  double win_rate = 0;  // share of trades with net P&L > 0
  std::int64_t gross_pnl_paise = 0;
  std::int64_t charges_paise = 0;
  std::int64_t net_pnl_paise = 0;
  std::int64_t average_win_paise = 0;
  std::int64_t average_loss_paise = 0;  // negative
  double profit_factor = 0;  // gross wins over gross losses (net of charges); 0 without losses
  std::int64_t expectancy_paise = 0;  // net P&L per trade
  std::int64_t longest_losing_streak = 0;
  std::int64_t max_drawdown_paise = 0;  // on equity after each closed trade
  double max_drawdown_pct = 0;          // of the peak equity
  std::int64_t max_drawdown_ns = 0;     // from the peak to recovery (or to the end)
  std::int64_t days = 0;                // sessions in the journal
  double sharpe = 0;                    // daily returns, annualised over 252 sessions
  double sortino = 0;
  double calmar = 0;                             // annualised return over the maximum drawdown
  double exposure = 0;                           // share of session time with a position open
  std::map<std::string, std::int64_t> filtered;  // EntryFiltered by filter
};

class trading_stats_builder {
 public:
  explicit trading_stats_builder(std::int64_t capital_paise) : capital_(capital_paise) {}

  void add(const events::event& e);
  trading_stats result() const;
  // Each session's net P&L over the equity at its start, sessions without trades as 0.
  std::vector<double> daily_returns() const;
  // Each session's net P&L, by date ("2026-01-05").
  const std::map<std::string, std::int64_t>& daily_net() const { return daily_net_; }

 private:
  std::int64_t capital_;
  trading_stats s_;
  std::int64_t equity_ = 0;  // net P&L so far
  std::int64_t peak_ = 0;
  std::int64_t peak_ns_ = 0;
  std::int64_t last_ts_ = 0;
  bool in_drawdown_ = false;
  std::int64_t streak_ = 0;
  std::int64_t won_paise_ = 0;
  std::int64_t lost_paise_ = 0;                    // negative
  std::map<std::string, std::int64_t> daily_net_;  // by session date
  std::string session_date_;
  std::int64_t session_open_ns_ = 0;
  bool in_session_ = false;
  std::int64_t session_ns_ = 0;                     // total session time
  std::map<std::string, std::int64_t> open_since_;  // position key → opened at
  std::int64_t held_since_ = 0;                     // some position open since (0: none)
  std::int64_t held_ns_ = 0;
};

}  // namespace strike::core::report
