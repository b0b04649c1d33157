#include "daemon/alerts/day_summary.hpp"

#include <chrono>
#include <thread>

#include "base/file_io.hpp"
#include "core/ist.hpp"
#include "core/market/bar.hpp"
#include "daemon/report/report_data.hpp"
#include "daemon/report/report_html.hpp"
#include "daemon/report/run_parameters.hpp"
#include "storage/journal_reader.hpp"

namespace strike::daemon {

namespace ev = strike::events;

namespace {

constexpr const char* index_instrument = "NSE:99926000";
constexpr int read_attempts = 20;
constexpr auto read_pause = std::chrono::milliseconds(100);

bool describes_the_run(const ev::event& e) {
  return std::holds_alternative<ev::daemon_started>(e.body) ||
         std::holds_alternative<ev::config_loaded>(e.body);
}

std::string signed_rupees(std::int64_t paise) {
  return (paise >= 0 ? "+₹" : "-₹") + core::market::format_rupees(paise >= 0 ? paise : -paise);
}

}  // namespace

result<day_summary> summarize_day(const day_summary_request& r) {
  report::report_data data;
  for (int attempt = 1;; ++attempt) {
    report::report_builder builder(r.capital_paise, index_instrument);
    auto read = storage::read_journal(r.journal_dir, 0, [&](const ev::event& e) -> status {
      if (e.env.seq <= r.through_seq &&
          (describes_the_run(e) || core::format_date(core::ist_date(e.env.ts)) == r.date))
        builder.add(e);
      return {};
    });
    if (!read) return error{"reading the journal: " + read.error().message};
    data = builder.result();
    report::read_run_parameters(data.header);
    // The journal's writer may not have reached the session's close yet.
    if (read->last_seq >= r.through_seq || attempt == read_attempts) break;
    std::this_thread::sleep_for(read_pause);
  }

  day_summary s;
  s.trades = data.stats.trades;
  s.wins = data.stats.wins;
  s.losses = data.stats.losses;
  s.net_pnl_paise = data.stats.net_pnl_paise;
  s.charges_paise = data.stats.charges_paise;
  s.report = r.report_dir / (r.date + ".html");
  std::error_code ec;
  std::filesystem::create_directories(r.report_dir, ec);
  if (auto w = base::write_file_atomic(s.report, report::report_html(data), 0644); !w)
    return error{"writing " + s.report.string() + ": " + w.error().message};
  s.text = r.date + " closed: " + std::to_string(s.trades) + " trades (" + std::to_string(s.wins) +
           " won, " + std::to_string(s.losses) + " lost), net P&L " +
           signed_rupees(s.net_pnl_paise) + " (charges ₹" +
           core::market::format_rupees(s.charges_paise) + "); report " + s.report.string();
  return s;
}

}  // namespace strike::daemon
