#include "daemon/commands/sample_events.hpp"

namespace strike::daemon {

namespace ev = strike::events;

sample_events::sample_events(std::uint64_t seed) : seed_(seed), rng_(seed) {}

sample_event sample_events::next() {
  ++n_;
  std::uniform_int_distribution<int> pick(0, 99);
  const int roll = pick(rng_);
  if (trade_phase_ >= 0 || roll < 8) return trade_step();
  if (roll < 70) {
    std::normal_distribution<double> move(0, 900);
    const std::int64_t open = nifty_paise_;
    nifty_paise_ += static_cast<std::int64_t>(move(rng_));
    const std::int64_t high = std::max(open, nifty_paise_) + 500;
    const std::int64_t low = std::min(open, nifty_paise_) - 450;
    bar_time_ns_ += 60'000'000'000;
    return {ev::bar_closed{"NSE:99926000", ev::timeframe::m1, bar_time_ns_, open, high, low,
                           nifty_paise_, 0, 0},
            {}};
  }
  if (roll < 90)
    return {ev::entry_filtered{"trend_alignment", "NSE:99926000", "rsi_band", 71.25, 70.0,
                               "hourly RSI above the band"},
            {}};
  return {ev::signal_raised{"trend_alignment", "NSE:99926000", ev::signal_action::enter_long,
                            "daily and hourly trends agree", 0.62},
          {}};
}

sample_event sample_events::trade_step() {
  ++trade_phase_;
  const std::string corr = "trade-" + std::to_string(trade_no_);
  auto with = [&](ev::payload body, std::string key = {}) {
    return sample_event{std::move(body), {std::move(key), 0, corr}};
  };
  switch (trade_phase_) {
    case 0:
      ++trade_no_;
      order_ = "e" + std::to_string(seed_) + "-" + std::to_string(trade_no_);
      instrument_ = "NFO:" + std::to_string(58000 + trade_no_ % 500);
      entry_paise_ = 10250;
      return with(ev::order_intent{order_, "trend_alignment", instrument_, "NIFTY25NOV2526000CE",
                                   ev::side::buy, 65, ev::purpose::entry, "bullish alignment",
                                   entry_paise_, 5, 65},
                  order_);
    case 1:
      return with(ev::risk_approved{order_, 1, 65});
    case 2:
      return with(ev::order_submitted{order_, ev::order_type::limit, entry_paise_, 0, 65, 1});
    case 3:
      return with(ev::order_accepted{order_, "2511220010" + std::to_string(trade_no_)});
    case 4:
      return with(ev::order_modify_requested{order_, 1, ev::order_type::limit, 10275, 65});
    case 5:
      return with(ev::order_modified{order_, ev::order_type::limit, 10275, 65});
    case 6:
      return with(ev::order_filled{order_, "f" + std::to_string(trade_no_), 65, 10275, 65, 0, 2361,
                                   "stream"},
                  order_ + "/f" + std::to_string(trade_no_));
    case 7:
      return with(
          ev::position_opened{instrument_, "NIFTY25NOV2526000CE", 65, 10275, 8220, 0, order_});
    case 8:
      return with(ev::stop_adjusted{instrument_, 10320, 10480, "trail_activated"});
    case 9:
      return with(ev::position_exit_triggered{instrument_, "trailing_stop", 10320, 65});
    case 10: {
      order_ = "x" + std::to_string(seed_) + "-" + std::to_string(trade_no_);
      return with(
          ev::order_intent{order_, "trend_alignment", instrument_, "NIFTY25NOV2526000CE",
                           ev::side::sell, 65, ev::purpose::exit, "trailing_stop", 10320, 5, 65},
          order_);
    }
    case 11:
      return with(ev::order_submitted{order_, ev::order_type::limit, 10320, 0, 65, 1});
    case 12:
      return with(ev::order_accepted{order_, "2511220020" + std::to_string(trade_no_)});
    case 13:
      return with(ev::order_filled{order_, "g" + std::to_string(trade_no_), 65, 10320, 65, 0, 2410,
                                   "stream"},
                  order_ + "/g" + std::to_string(trade_no_));
    default:
      trade_phase_ = -1;
      return with(ev::position_closed{instrument_, 65, 10275, 10320, 2925, 4771, -1846});
  }
}

}  // namespace strike::daemon
