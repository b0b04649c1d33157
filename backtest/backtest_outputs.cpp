#include "backtest/backtest_outputs.hpp"

#include <algorithm>

#include "backtest/backtest_run.hpp"
#include "base/file_io.hpp"
#include "base/json_writer.hpp"
#include "core/ist.hpp"

namespace strike::backtest {

namespace ev = strike::events;

namespace {
constexpr const char* trades_header =
    "closed_at,key,instrument,qty,entry_avg_paise,exit_avg_paise,gross_pnl_paise,charges_paise,net_"
    "pnl_paise\n";
constexpr const char* equity_header = "time,equity_paise\n";
}  // namespace

void outputs::on_closed(const ev::event& e, const ev::position_closed& c) {
  if (trades_csv_.empty()) trades_csv_ = trades_header;
  trades_csv_ += core::format_ist(e.env.ts) + "," + e.env.key + "," + c.instrument + "," +
                 std::to_string(c.qty) + "," + std::to_string(c.entry_avg_paise) + "," +
                 std::to_string(c.exit_avg_paise) + "," + std::to_string(c.gross_pnl_paise) + "," +
                 std::to_string(c.charges_paise) + "," + std::to_string(c.net_pnl_paise) + "\n";
  ++trades_;
  wins_ += c.net_pnl_paise > 0;
  realized_ += c.net_pnl_paise;
  gross_ += c.gross_pnl_paise;
  charges_ += c.charges_paise;
}

void outputs::on_minute(std::int64_t t, std::int64_t unrealized_paise) {
  if (equity_csv_.empty()) {
    equity_csv_ = equity_header;
    peak_ = capital_;
  }
  last_equity_ = capital_ + realized_ + unrealized_paise;
  peak_ = std::max(peak_, last_equity_);
  max_drawdown_ = std::max(max_drawdown_, peak_ - last_equity_);
  equity_csv_ += core::format_ist(t) + "," + std::to_string(last_equity_) + "\n";
}

backtest_summary outputs::summary() const {
  backtest_summary s;
  s.trades = trades_;
  s.wins = wins_;
  s.gross_pnl_paise = gross_;
  s.charges_paise = charges_;
  s.net_pnl_paise = realized_;
  s.max_drawdown_paise = max_drawdown_;
  s.final_equity_paise = capital_ + realized_;
  return s;
}

status outputs::write(const std::filesystem::path& dir, const backtest_summary& s) const {
  std::string summary;
  base::json_writer w(summary);
  w.begin_object();
  w.key("finished").value(true);
  w.key("days")
      .value(static_cast<std::int64_t>(s.days))
      .key("trades")
      .value(s.trades)
      .key("wins")
      .value(s.wins);
  w.key("gross_pnl_paise").value(s.gross_pnl_paise).key("charges_paise").value(s.charges_paise);
  w.key("net_pnl_paise")
      .value(s.net_pnl_paise)
      .key("max_drawdown_paise")
      .value(s.max_drawdown_paise);
  w.key("capital_paise").value(capital_).key("final_equity_paise").value(s.final_equity_paise);
  w.key("events").value(s.events).key("prints").value(s.prints);
  w.end_object();
  summary += "\n";
  if (auto st = base::write_file_atomic(dir / "trades.csv",
                                        trades_csv_.empty() ? trades_header : trades_csv_, 0644);
      !st)
    return st;
  if (auto st = base::write_file_atomic(dir / "equity.csv",
                                        equity_csv_.empty() ? equity_header : equity_csv_, 0644);
      !st)
    return st;
  return base::write_file_atomic(dir / "summary.json", summary, 0644);
}

}  // namespace strike::backtest
