// The [backtest] section of config.toml: how `striked backtest`'s simulated exchange fills.
// The strategy, risk, exits, ladder and charges are the sections `striked run` reads.
#pragma once

#include <cstdint>

namespace strike::daemon {

class toml_reader;

struct backtest_section {
  std::int64_t slippage_bps = 5;      // market orders fill this far beyond the touch
  std::int64_t latency_ms = 0;        // a request reaches the exchange this long after it is sent
  std::int64_t spread_paise = 5;      // recorded options are quoted this far either side of a print
  std::int64_t volume_share_pct = 0;  // fills at a print bounded to this share of its volume
};

void read_backtest(toml_reader r, backtest_section& s);

}  // namespace strike::daemon
