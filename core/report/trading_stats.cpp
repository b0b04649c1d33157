#include "core/report/trading_stats.hpp"

#include <algorithm>
#include <cmath>

#include "core/ist.hpp"
#include "core/report/overfitting.hpp"

namespace strike::core::report {

namespace ev = strike::events;

void trading_stats_builder::add(const ev::event& e) {
  // The starting equity is the first peak, from the journal's first event.
  if (last_ts_ == 0) peak_ns_ = e.env.ts;
  last_ts_ = e.env.ts;
  if (const auto* o = std::get_if<ev::session_opened>(&e.body)) {
    session_date_ = o->date;
    session_open_ns_ = e.env.ts;
    in_session_ = true;
    daily_net_.emplace(o->date, 0);
  } else if (std::holds_alternative<ev::session_closed>(e.body)) {
    if (in_session_) session_ns_ += e.env.ts - session_open_ns_;
    in_session_ = false;
  } else if (const auto* f = std::get_if<ev::entry_filtered>(&e.body)) {
    ++s_.filtered[f->filter];
  } else if (std::holds_alternative<ev::position_opened>(e.body)) {
    if (open_since_.empty()) held_since_ = e.env.ts;
    open_since_[e.env.key.substr(e.env.key.find(':') + 1)] = e.env.ts;
  } else if (const auto* c = std::get_if<ev::position_closed>(&e.body)) {
    if (open_since_.erase(e.env.key.substr(e.env.key.find(':') + 1)) && open_since_.empty())
      held_ns_ += e.env.ts - held_since_;
    ++s_.trades;
    s_.gross_pnl_paise += c->gross_pnl_paise;
    s_.charges_paise += c->charges_paise;
    s_.net_pnl_paise += c->net_pnl_paise;
    if (c->net_pnl_paise > 0) {
      ++s_.wins;
      won_paise_ += c->net_pnl_paise;
      streak_ = 0;
    } else {
      ++s_.losses;
      lost_paise_ += c->net_pnl_paise;
      s_.longest_losing_streak = std::max(s_.longest_losing_streak, ++streak_);
    }
    const std::string day = session_date_.empty() ? format_date(ist_date(e.env.ts)) : session_date_;
    daily_net_[day] += c->net_pnl_paise;
    equity_ += c->net_pnl_paise;
    if (equity_ >= peak_) {
      if (in_drawdown_) s_.max_drawdown_ns = std::max(s_.max_drawdown_ns, e.env.ts - peak_ns_);
      in_drawdown_ = false;
      peak_ = equity_;
      peak_ns_ = e.env.ts;
    } else {
      in_drawdown_ = true;
      const std::int64_t dd = peak_ - equity_;
      if (dd > s_.max_drawdown_paise) {
        s_.max_drawdown_paise = dd;
        s_.max_drawdown_pct =
            100.0 * static_cast<double>(dd) / static_cast<double>(capital_ + peak_);
      }
    }
  }
}

std::vector<double> trading_stats_builder::daily_returns() const {
  std::vector<double> returns;
  std::int64_t equity = capital_;
  for (const auto& [day, net] : daily_net_) {
    returns.push_back(equity > 0 ? static_cast<double>(net) / static_cast<double>(equity) : 0.0);
    equity += net;
  }
  return returns;
}

trading_stats trading_stats_builder::result() const {
  trading_stats s = s_;
  if (in_drawdown_) s.max_drawdown_ns = std::max(s.max_drawdown_ns, last_ts_ - peak_ns_);
  if (s.trades > 0) {
    s.win_rate = static_cast<double>(s.wins) / static_cast<double>(s.trades);
    s.expectancy_paise = s.net_pnl_paise / s.trades;
  }
  if (s.wins > 0) s.average_win_paise = won_paise_ / s.wins;
  if (s.losses > 0) s.average_loss_paise = lost_paise_ / s.losses;
  if (lost_paise_ < 0)
    s.profit_factor = static_cast<double>(won_paise_) / static_cast<double>(-lost_paise_);

  const std::vector<double> returns = daily_returns();
  s.days = static_cast<std::int64_t>(returns.size());
  if (returns.size() >= 2) {
    const auto m = moments(returns);
    const double mean = m.mean, sd = m.stdev;
    double down = 0;
    for (double r : returns) down += r < 0 ? r * r : 0;
    const double dd = std::sqrt(down / static_cast<double>(returns.size()));
    const double annual = std::sqrt(252.0);
    if (sd > 0) s.sharpe = mean / sd * annual;
    if (dd > 0) s.sortino = mean / dd * annual;
    if (s.max_drawdown_pct > 0) s.calmar = mean * 252.0 / (s.max_drawdown_pct / 100.0);
  }
  std::int64_t held = held_ns_;
  if (!open_since_.empty()) held += last_ts_ - held_since_;
  if (session_ns_ > 0)
    s.exposure = std::min(1.0, static_cast<double>(held) / static_cast<double>(session_ns_));
  return s;
}

}  // namespace strike::core::report
