// The feed's hot path (docs/performance.md, "Feeds"): SmartStream frames decoded per second per
// core in each mode, the cost from frame bytes to an updated bar (decode, repeat filter, 1m
// aggregation), and order-update messages read per second.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <string>
#include <vector>

#include "brokers/angelone/order_feed/fill_tracker.hpp"
#include "brokers/angelone/order_feed/order_update_parser.hpp"
#include "brokers/angelone/smartstream/subscriptions.hpp"
#include "brokers/angelone/smartstream/tick_parser.hpp"
#include "sim/stream_frames.hpp"
#include "sim/stream_hub.hpp"
#include "core/clock.hpp"
#include "core/market/tick_bars.hpp"

namespace {

using namespace strike;
namespace ss = brokers::angelone::smartstream;

constexpr int frame_count = 4096;
constexpr std::int64_t ten_am_ms = 1'767'587'400'000;  // 2026-01-05 10:00 IST

// A session's worth of frames for one option: prices wander, a tick every 250 ms.
std::vector<std::string> frames(std::uint8_t mode, std::int64_t first_sequence = 1) {
  sim::stream_tick t;
  t.exchange_type = 2;
  t.token = "58784";
  t.ltp = 10'000;
  t.open = t.high = t.low = t.close = 10'000;
  for (int i = 0; i < 5; ++i) {
    t.bids[i] = {65 * (i + 1), 9'995 - 5 * i, static_cast<std::int16_t>(i + 1)};
    t.asks[i] = {65 * (i + 1), 10'005 + 5 * i, static_cast<std::int16_t>(i + 1)};
  }
  std::vector<std::string> out;
  for (int i = 0; i < frame_count; ++i) {
    t.sequence = first_sequence + i;
    t.exchange_ms = ten_am_ms + 250LL * i;
    t.ltp += (i * 7919) % 11 - 5;
    t.volume += 65;
    sim::encode_frame(t, mode, out.emplace_back());
  }
  return out;
}

std::span<const std::uint8_t> bytes(const std::string& f) {
  return {reinterpret_cast<const std::uint8_t*>(f.data()), f.size()};
}

void parse_frames(benchmark::State& state, std::uint8_t mode) {
  const auto fs = frames(mode);
  brokers::market_tick t;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto e = ss::parse_tick(bytes(fs[i]), t);
    benchmark::DoNotOptimize(e);
    benchmark::DoNotOptimize(t.ltp);
    if (++i == fs.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(fs[0].size()));
}

void BM_parse_ltp_frame(benchmark::State& state) { parse_frames(state, 1); }
void BM_parse_quote_frame(benchmark::State& state) { parse_frames(state, 2); }
void BM_parse_snap_quote_frame(benchmark::State& state) { parse_frames(state, 3); }

// Frame bytes to an updated 1m bar: decode, the repeat filter, aggregation. Each lap the
// sequence numbers and times move on a day, so every tick is new.
void BM_quote_frame_to_bar(benchmark::State& state) {
  ss::subscriptions subs;
  std::vector<std::string> messages;
  const std::vector<std::string> list{"NFO:58784"};
  (void)subs.add(list, brokers::feed_mode::quote, messages);
  std::vector<std::vector<std::string>> laps;
  for (int lap = 0; lap < 4; ++lap) laps.push_back(frames(2, 1 + lap * frame_count));
  core::market::tick_bars bars(core::market::bar_period::of_minutes(1), {});
  brokers::market_tick t;
  std::size_t i = 0, lap = 0;
  std::int64_t shift = 0, closed = 0;
  for (auto _ : state) {
    (void)ss::parse_tick(bytes(laps[lap][i]), t);
    t.exchange_ns += shift;
    if (subs.admit(t) == ss::subscriptions::verdict::fresh)
      closed += bars.on_tick({t.exchange_ns, t.ltp, t.volume, t.oi}).closed.has_value();
    if (++i == laps[lap].size()) {
      i = 0;
      if (++lap == laps.size()) lap = 0;
      shift += core::ns_per_day;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["bars"] = static_cast<double>(closed);
}

// A repeated frame, as after every reconnect: decoded and turned away.
void BM_repeated_frame_dropped(benchmark::State& state) {
  ss::subscriptions subs;
  std::vector<std::string> messages;
  const std::vector<std::string> list{"NFO:58784"};
  (void)subs.add(list, brokers::feed_mode::quote, messages);
  const auto fs = frames(2);
  brokers::market_tick t;
  (void)ss::parse_tick(bytes(fs.back()), t);
  (void)subs.admit(t);
  std::size_t i = 0;
  for (auto _ : state) {
    (void)ss::parse_tick(bytes(fs[i]), t);
    benchmark::DoNotOptimize(subs.admit(t));
    if (++i == fs.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

// One order-update message read and passed through the fill tracker.
void BM_order_update(benchmark::State& state) {
  sim::instrument inst;
  inst.token = "40012";
  inst.symbol = "NIFTY13JAN2626000CE";
  inst.exch_seg = "NFO";
  inst.is_index = false;
  inst.lot_size = 65;
  sim::order o;
  o.orderid = "260105000000042";
  o.client_code = "SIM001";
  o.inst = &inst;
  o.req.quantity = 6500;
  o.req.price = 10'250;
  std::vector<std::string> messages;
  for (int i = 0; i < 100; ++i) {
    o.filled += 65;
    o.filled_value += 65 * (10'200 + 5 * (i % 9));
    o.last_fill_id = std::to_string(i + 1);
    o.updated_ns = 1'767'587'400LL * core::ns_per_s + i * core::ns_per_s;
    messages.push_back(sim::order_update_json(o));
  }
  simdjson::dom::parser parser;
  brokers::angelone::fill_tracker tracker;
  std::optional<brokers::trade_info> fill;
  std::size_t i = 0;
  for (auto _ : state) {
    if (i == 0) tracker.reset();
    auto u = brokers::angelone::parse_order_update(parser, messages[i]);
    benchmark::DoNotOptimize(tracker.on_update(*u, fill));
    if (++i == messages.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_parse_ltp_frame);
BENCHMARK(BM_parse_quote_frame);
BENCHMARK(BM_parse_snap_quote_frame);
BENCHMARK(BM_quote_frame_to_bar);
BENCHMARK(BM_repeated_frame_dropped);
BENCHMARK(BM_order_update);
