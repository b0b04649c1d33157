// The reference strategy on a real engine, bus and journal, with a small option chain.
#pragma once

#include <map>
#include <vector>

#include "core/ist.hpp"
#include "core/strategies/trend_alignment/trend_alignment.hpp"
#include "core/strategy/strategy_runner.hpp"
#include "tests/trading/engine_fixture.hpp"

namespace strike::test {

// Weekly NIFTY options every ₹50 between 20,000 and 30,000 for a few Tuesday expiries.
class test_chain final : public core::strategy::option_chain {
 public:
  std::vector<std::string> weeklies{"2026-01-06", "2026-01-13", "2026-01-20"};

  std::vector<std::string> expiries(std::string_view, std::string_view from,
                                    std::size_t most) const override {
    std::vector<std::string> out;
    for (const auto& e : weeklies)
      if (e >= from && out.size() < most) out.push_back(e);
    return out;
  }
  std::optional<core::strategy::option_contract> nearest(std::string_view, std::string_view expiry,
                                                         std::int64_t strike,
                                                         bool call) const override {
    const std::int64_t step = 5000;  // ₹50 in paise
    const std::int64_t k =
        std::clamp<std::int64_t>((strike + step / 2 - 1) / step * step, 20000'00, 30000'00);
    const std::string sym =
        "NIFTY" + std::string(expiry) + std::to_string(k / 100) + (call ? "CE" : "PE");
    return core::strategy::option_contract{"NFO:" + std::to_string(k / 100) + (call ? "1" : "2"),
                                           sym,
                                           std::string(expiry),
                                           k,
                                           call,
                                           65,
                                           5};
  }
};

inline core::market::bar make_bar(std::int64_t start, double close, double range = 20.0) {
  const auto c = static_cast<std::int64_t>(close * 100);
  const auto r = static_cast<std::int64_t>(range * 100);
  return {start, c - r / 4, c + r / 2, c - r / 2, c, 0, 0};
}

struct strategy_fixture : engine_fixture {
  test_chain chain;
  core::strategies::trend_alignment strategy{core::strategies::trend_alignment_params{}};
  core::strategy::strategy_runner runner{*bus, state, *engine, strategy};
  std::int64_t day0 = core::ist_time_ns({2026, 1, 5}, 9 * 60 + 15);

  strategy_fixture() {
    runner.set_options(&chain);
    runner.attach();
  }

  // 60 days and 60 hours of a trend ending at `price`, replayed as warm-up. Prices move in a
  // three-bar rhythm (+4, +2, -3 steps) so the trend has pullbacks: RSI near 67, ADX near 33.
  static std::vector<double> trend_closes(double price, double step, int n) {
    static constexpr double rhythm[3] = {4, 2, -3};
    std::vector<double> closes(static_cast<std::size_t>(n));
    double c = price;
    for (int i = n - 1; i >= 0; --i) {
      closes[static_cast<std::size_t>(i)] = c;
      c -= rhythm[i % 3] * step;
    }
    return closes;
  }
  void warm(double price, double daily_step, double hourly_step) {
    const auto daily = trend_closes(price, daily_step, 60);
    for (int i = 0; i < 60; ++i)
      runner.on_bar(
          "NSE:99926000", events::timeframe::d1,
          make_bar(day0 - (60 - i) * core::ns_per_day, daily[static_cast<std::size_t>(i)], 150),
          day0, true);
    const auto hourly = trend_closes(price, hourly_step, 60);
    for (int i = 0; i < 60; ++i)
      runner.on_bar("NSE:99926000", events::timeframe::h1,
                    make_bar(day0 - (60 - i) * 3600 * core::ns_per_s,
                             hourly[static_cast<std::size_t>(i)], 40),
                    day0, true);
  }

  // A 5-minute bar of the index closing at `price`, decided on at its close.
  int entry_bar(double price, std::int64_t start) {
    clock.advance_to(start + 5 * 60 * core::ns_per_s);
    return runner.on_bar("NSE:99926000", events::timeframe::m5, make_bar(start, price, 10),
                         clock.now_ns());
  }
};

}  // namespace strike::test
