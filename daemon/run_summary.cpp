#include "daemon/run_summary.hpp"

#include <cstdio>

#include "core/market/bar.hpp"

namespace strike::daemon {

void print_run_summary(const core::state& s, const std::filesystem::path& journal) {
  const auto& t = s.today;
  std::printf("\n== %s: %lld trades, %lld won, %lld lost; charges %s; net P&L %s%s\n",
              t.date.c_str(), static_cast<long long>(t.trades), static_cast<long long>(t.wins),
              static_cast<long long>(t.losses),
              core::market::format_rupees(t.charges_paise).c_str(),
              t.realized_pnl_paise >= 0 ? "+" : "",
              core::market::format_rupees(t.realized_pnl_paise).c_str());
  std::printf("   journal: %s (seq %lld)\n", journal.c_str(), static_cast<long long>(s.last_seq));
  std::fflush(stdout);
}

}  // namespace strike::daemon
