#include "daemon/backtest_config.hpp"

#include "daemon/toml_reader.hpp"

namespace strike::daemon {

void read_backtest(toml_reader r, backtest_section& s) {
  s.slippage_bps = r.integer("slippage_bps", s.slippage_bps, 0, 1'000);
  s.latency_ms = r.integer("latency_ms", s.latency_ms, 0, 60'000);
  s.spread_paise = r.integer("spread_paise", s.spread_paise, 0, 10'000);
  s.volume_share_pct = r.integer("volume_share_pct", s.volume_share_pct, 0, 100);
  r.finish();
}

}  // namespace strike::daemon
