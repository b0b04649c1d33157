// What an open position is worth now, as the trading engine values it: the dashboard shows it
// per position, and the engine's unrealised total is the sum of these.
#pragma once

#include <cstdint>

namespace strike::core::trading {

struct position_mark {
  // The bid for a long, the ask for a short, else the last price; the average cost while the
  // instrument has no quote (never a price the market gave).
  std::int64_t mark_paise = 0;
  std::int64_t mark_ns = 0;  // the quote's time; 0 while valued at cost
  std::int64_t unrealized_paise = 0;
};

}  // namespace strike::core::trading
