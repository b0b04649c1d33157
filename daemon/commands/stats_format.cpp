#include "daemon/commands/stats_format.hpp"

#include <algorithm>
#include <cstdio>

#include "base/json_writer.hpp"
#include "core/clock.hpp"

namespace strike::daemon {

namespace {

std::string rupees(std::int64_t paise) {
  char buf[48];
  const std::int64_t a = paise < 0 ? -paise : paise;
  std::snprintf(buf, sizeof buf, "%s₹%lld.%02lld", paise < 0 ? "-" : "",
                static_cast<long long>(a / 100), static_cast<long long>(a % 100));
  return buf;
}

std::string line(const char* name, const std::string& value) {
  std::string out(name);
  out.resize(std::max<std::size_t>(out.size(), 22), ' ');
  return out + " " + value + "\n";
}

std::string number(double v, const char* format = "%.2f") {
  char buf[48];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

std::string stats_table(const core::report::trading_stats& s) {
  std::string out;
  out += line("sessions", std::to_string(s.days));
  out += line("trades", std::to_string(s.trades) + " (won " + std::to_string(s.wins) + ", lost " +
                            std::to_string(s.losses) + ", " + number(100.0 * s.win_rate, "%.1f") +
                            " %)");
  out += line("gross P&L", rupees(s.gross_pnl_paise));
  out += line("charges", rupees(s.charges_paise));
  out += line("net P&L", rupees(s.net_pnl_paise));
  out += line("average win / loss",
              rupees(s.average_win_paise) + " / " + rupees(s.average_loss_paise));
  out += line("expectancy", rupees(s.expectancy_paise) + " a trade");
  out += line("profit factor", number(s.profit_factor));
  out += line("longest losing streak", std::to_string(s.longest_losing_streak));
  out +=
      line("max drawdown",
           rupees(s.max_drawdown_paise) + " (" + number(s.max_drawdown_pct) + " %, " +
               number(static_cast<double>(s.max_drawdown_ns) / (3600.0 * core::ns_per_s), "%.1f") +
               " h)");
  out += line("Sharpe / Sortino", number(s.sharpe) + " / " + number(s.sortino));
  out += line("Calmar", number(s.calmar));
  out += line("exposure", number(100.0 * s.exposure, "%.1f") + " % of session time");
  std::string filtered;
  for (const auto& [filter, n] : s.filtered)
    filtered += (filtered.empty() ? "" : ", ") + filter + " " + std::to_string(n);
  out += line("entries filtered", filtered.empty() ? "none" : filtered);
  return out;
}

std::string stats_json(const core::report::trading_stats& s) {
  std::string out;
  base::json_writer w(out);
  w.begin_object();
  w.key("sessions")
      .value(s.days)
      .key("trades")
      .value(s.trades)
      .key("wins")
      .value(s.wins)
      .key("losses")
      .value(s.losses);
  w.key("win_rate").value(s.win_rate);
  w.key("gross_pnl_paise").value(s.gross_pnl_paise).key("charges_paise").value(s.charges_paise);
  w.key("net_pnl_paise").value(s.net_pnl_paise);
  w.key("average_win_paise")
      .value(s.average_win_paise)
      .key("average_loss_paise")
      .value(s.average_loss_paise);
  w.key("expectancy_paise").value(s.expectancy_paise).key("profit_factor").value(s.profit_factor);
  w.key("longest_losing_streak").value(s.longest_losing_streak);
  w.key("max_drawdown_paise")
      .value(s.max_drawdown_paise)
      .key("max_drawdown_pct")
      .value(s.max_drawdown_pct);
  w.key("max_drawdown_ns").value(s.max_drawdown_ns);
  w.key("sharpe").value(s.sharpe).key("sortino").value(s.sortino).key("calmar").value(s.calmar);
  w.key("exposure").value(s.exposure);
  w.key("entries_filtered").begin_object();
  for (const auto& [filter, n] : s.filtered) w.key(filter).value(n);
  w.end_object().end_object();
  out += "\n";
  return out;
}

}  // namespace strike::daemon
