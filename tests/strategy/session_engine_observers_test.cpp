// The session engine's bar observers (the status pages' ring, the day's bar files) are storage:
// they hear of a market update's bars once the update is done, never between a bar and the
// decision the next bar of the same update triggers.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/bus.hpp"
#include "core/clock.hpp"
#include "core/engine/session_engine.hpp"
#include "core/ist.hpp"
#include "core/state.hpp"
#include "storage/journal.hpp"
#include "tests/support/temp_dir.hpp"

using namespace strike;
namespace ev = strike::events;

namespace observers_test {

const std::string index_id = "NSE:99926000";
const std::string vix_id = "NSE:99926017";

// Writes down each bar it is shown, in the log the observer writes to as well.
struct recording_strategy final : core::strategy::strategy {
  std::vector<std::string>& log;
  explicit recording_strategy(std::vector<std::string>& l) : log(l) {}
  std::string_view name() const override { return "recording"; }
  std::vector<std::string> instruments() const override { return {index_id, vix_id}; }
  std::vector<std::pair<ev::timeframe, int>> warmup() const override {
    return {{ev::timeframe::m1, 1}};
  }
  void on_bar(const std::string& instrument, ev::timeframe tf, const core::market::bar&,
              const core::strategy::snapshot&, bool warming, core::strategy::decisions&) override {
    if (!warming && tf == ev::timeframe::m1) log.push_back("strategy " + instrument);
  }
};

struct no_history final : core::market::candle_source {
  void request_candles(const core::market::candle_request&,
                       std::function<void(core::market::candle_reply)> deliver) override {
    deliver(error{"no candles here", {}});
  }
};

}  // namespace observers_test

using namespace observers_test;

TEST_CASE("bars closed by one update reach the observers after every strategy has seen them") {
  test::temp_dir dir;
  auto journal = storage::journal::open({dir.path(), storage::durability::none}, 0);
  REQUIRE(journal.ok());
  const std::int64_t open = core::ist_time_ns({2026, 1, 7}, 9 * 60 + 15);
  core::virtual_clock clock(open);
  core::state state;
  core::bus bus(**journal, clock, state.keys);
  bus.fold_with([&state](const ev::event& e) { core::apply(state, e); });
  std::vector<std::string> log;
  recording_strategy strategy(log);
  no_history history;
  core::engine::session_engine_options options;
  options.bars.grid = core::market::bar_grid(9 * 60 + 15, 15 * 60 + 30);
  core::engine::session_engine engine(bus, state, clock, {}, {{"recording", &strategy}}, history,
                                      options);
  engine.observe_bars(
      [&log](const std::string& instrument, ev::timeframe tf, const core::market::bar&) {
        if (tf == ev::timeframe::m1) log.push_back("observer " + instrument);
      });
  engine.attach();

  for (const auto& instrument : {index_id, vix_id}) {
    const std::int64_t at = open + 10 * core::ns_per_s;
    clock.advance_to(at);
    engine.on_tick(instrument, {at, 2'000'000, 0, 0}, {at, 2'000'000, 0, 0});
  }
  REQUIRE(log.empty());  // the first minute is still open

  // The clock closes both instruments' minute in one update.
  clock.advance_to(open + 61 * core::ns_per_s);
  engine.on_time(clock.now_ns());
  CHECK(log == std::vector<std::string>{"strategy NSE:99926000", "strategy NSE:99926017",
                                        "observer NSE:99926000", "observer NSE:99926017"});

  // A tick that closes a minute: its bar is observed once the tick is done with.
  log.clear();
  for (const std::int64_t at : {open + 70 * core::ns_per_s, open + 121 * core::ns_per_s}) {
    clock.advance_to(at);
    engine.on_tick(index_id, {at, 2'001'000, 0, 0}, {at, 2'001'000, 0, 0});
  }
  CHECK(log == std::vector<std::string>{"strategy NSE:99926000", "observer NSE:99926000"});
}
