// The end-of-day summary: the day's journal read back once the session has closed, its report
// written beside the journal, and one line saying how the day went.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "base/result.hpp"

namespace strike::daemon {

struct day_summary_request {
  std::filesystem::path journal_dir;
  std::filesystem::path report_dir;  // the report goes to report_dir/DATE.html
  std::string date;                  // the session's, "2026-01-07"
  std::int64_t through_seq = 0;      // the SessionClosed event
  std::int64_t capital_paise = 0;
};

struct day_summary {
  std::int64_t trades = 0;
  std::int64_t wins = 0;
  std::int64_t losses = 0;
  std::int64_t net_pnl_paise = 0;
  std::int64_t charges_paise = 0;
  std::filesystem::path report;
  std::string text;  // "2026-01-07: 3 trades (2 won, 1 lost), net P&L +₹1,234.50, ..."
};

// Reads the journal up to through_seq (waiting briefly for it to reach the disk), keeping the
// events of `date` and the daemon's start and configuration, and writes the report.
result<day_summary> summarize_day(const day_summary_request& r);

}  // namespace strike::daemon
