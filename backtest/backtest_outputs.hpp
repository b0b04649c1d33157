// What a backtest leaves beside its journal: trades.csv (one row per closed position),
// equity.csv (equity every minute of every session, paise) and summary.json.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "events/event.hpp"

namespace strike::backtest {

struct backtest_summary;

class outputs {
 public:
  explicit outputs(std::int64_t capital_paise) : capital_(capital_paise) {}

  void on_closed(const events::event& e, const events::position_closed& c);
  // Equity at minute t: capital, plus every closed position's net P&L, plus what is open.
  void on_minute(std::int64_t t, std::int64_t unrealized_paise);

  // Trades, P&L and drawdown so far; the caller adds what only it knows.
  backtest_summary summary() const;
  status write(const std::filesystem::path& dir, const backtest_summary& s) const;

 private:
  std::int64_t capital_;
  std::int64_t realized_ = 0;
  std::int64_t gross_ = 0;
  std::int64_t charges_ = 0;
  std::int64_t trades_ = 0;
  std::int64_t wins_ = 0;
  std::int64_t peak_ = 0;
  std::int64_t max_drawdown_ = 0;
  std::int64_t last_equity_ = 0;
  std::string trades_csv_;
  std::string equity_csv_;
};

}  // namespace strike::backtest
