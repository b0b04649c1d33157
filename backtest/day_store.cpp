#include "backtest/day_store.hpp"

namespace strike::backtest {

day_bars one_minute_bars(const std::vector<storage::stored_bar>& stored) {
  day_bars out;
  for (const auto& b : stored)
    if (b.timeframe == events::timeframe::m1) out[b.instrument][b.value.start_ns] = b.value;
  return out;
}

result<std::shared_ptr<const day_bars>> day_store::get(core::civil_date d, const reader& read) {
  std::shared_ptr<entry> e;
  {
    std::lock_guard lock(mutex_);
    auto& slot = days_[d];
    if (!slot) slot = std::make_shared<entry>();
    e = slot;
  }
  std::call_once(e->once, [&] {
    auto stored = read();
    if (!stored)
      e->day = stored.error();
    else
      e->day = std::shared_ptr<const day_bars>(
          std::make_shared<const day_bars>(one_minute_bars(*stored)));
  });
  return e->day;
}

}  // namespace strike::backtest
