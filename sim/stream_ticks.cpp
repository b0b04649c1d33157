#include "sim/stream_ticks.hpp"

#include <algorithm>
#include <functional>

#include "core/clock.hpp"
#include "sim/sim_random.hpp"

namespace strike::sim {
namespace {

constexpr std::int64_t minute_ns = 60 * core::ns_per_s;
// Sequence numbers of option ticks: seconds since this epoch, so they only grow.
constexpr std::int64_t sequence_epoch_s = 1'000'000'000;

std::int64_t round_to(std::int64_t paise, std::int64_t tick) {
  return std::max<std::int64_t>(tick, (paise + tick / 2) / tick * tick);
}

}  // namespace

std::uint8_t exchange_type_of(const instrument& inst) {
  return inst.exch_seg == "NFO" ? 2 : 1;
}

void tick_source::option_day(const instrument& inst, std::int64_t t, day_state& d) {
  const auto date = core::ist_date(t);
  const bool started = market_.path().is_session_day(date) && t >= session_open_ns(date);
  const std::int64_t open_ns = started ? session_open_ns(date) : 0;
  if (d.day_open_ns != open_ns || t < d.next_minute_ns - minute_ns) {
    d = day_state{};
    d.day_open_ns = open_ns;
    // The option's close: its price at the previous session's close (as market::stats).
    d.previous_close = market_.at(inst, started ? open_ns - 1 : t).ltp;
    if (started) {
      d.open = d.sample_high = d.sample_low = market_.at(inst, open_ns).ltp;
      d.next_minute_ns = open_ns;
    }
  }
  if (!started) return;
  const std::int64_t end = std::min(t, session_close_ns(date));
  for (; d.next_minute_ns <= end; d.next_minute_ns += minute_ns) {
    const auto p = market_.at(inst, d.next_minute_ns).ltp;
    d.sample_high = std::max(d.sample_high, p);
    d.sample_low = std::min(d.sample_low, p);
    d.volume += market_.minute_volume(inst, d.next_minute_ns);
  }
}

void tick_source::fill_option(const instrument& inst, std::int64_t t, cached& c) {
  option_day(inst, t, c.day);
  const auto& d = c.day;
  const quote q = market_.at(inst, t);
  stream_tick& k = c.tick;
  const std::int64_t sec = t / core::ns_per_s;
  const std::int64_t lot = inst.lot_size;
  const std::int64_t tick = inst.tick_paise;
  const auto token_hash = std::hash<std::string>{}(inst.token);
  auto h = [&](std::uint64_t salt) {
    return hash_words(seed_, salt, token_hash, static_cast<std::uint64_t>(sec));
  };
  k.sequence = sec - sequence_epoch_s;
  k.ltp = q.ltp;
  if (d.day_open_ns > 0) {
    k.open = d.open;
    k.high = std::max(d.sample_high, q.ltp);
    k.low = std::min(d.sample_low, q.ltp);
    k.volume = d.volume;
  } else {
    k.open = k.high = k.low = q.ltp;
    k.volume = 0;
  }
  k.close = d.previous_close;
  k.last_qty = lot * static_cast<std::int64_t>(1 + h(1) % 20);
  k.avg_price = round_to((k.open + k.high + k.low + k.ltp) / 4, tick);
  k.total_buy_qty = static_cast<double>(lot * static_cast<std::int64_t>(500 + h(2) % 5000));
  k.total_sell_qty = static_cast<double>(lot * static_cast<std::int64_t>(500 + h(3) % 5000));
  k.last_trade_s = sec;
  const auto day_hash = hash_words(seed_, 4, token_hash, static_cast<std::uint64_t>(d.day_open_ns));
  const std::int64_t minutes = d.day_open_ns > 0 ? (t - d.day_open_ns) / minute_ns : 0;
  k.oi = lot * (20'000 + static_cast<std::int64_t>(day_hash % 50'000) + 3 * minutes);
  k.oi_change_pct = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    const auto step = static_cast<std::int64_t>(i) * tick;
    k.bids[i] = {lot * static_cast<std::int64_t>(1 + h(10 + i) % 50), std::max(tick, q.bid - step),
                 static_cast<std::int16_t>(1 + h(20 + i) % 20)};
    k.asks[i] = {lot * static_cast<std::int64_t>(1 + h(30 + i) % 50), q.ask + step,
                 static_cast<std::int16_t>(1 + h(40 + i) % 20)};
  }
  k.upper_circuit = round_to(d.previous_close * 2, tick);
  k.lower_circuit = tick;
  k.high_52w = std::max(k.high, round_to(d.previous_close * 3 / 2, tick));
  k.low_52w = std::min(k.low, round_to(d.previous_close / 2, tick));
}

void tick_source::fill_index(const instrument& inst, std::int64_t t, cached& c) {
  const day_stats s = market_.stats(inst, t);
  stream_tick& k = c.tick;
  const std::int64_t sec = t / core::ns_per_s;
  k.sequence = static_cast<std::int64_t>(
      hash_words(seed_, 5, std::hash<std::string>{}(inst.token), static_cast<std::uint64_t>(sec)) %
      1'000'000'000);
  k.ltp = s.ltp;
  k.open = s.open;
  k.high = s.high;
  k.low = s.low;
  k.close = s.previous_close;
  k.high_52w = s.previous_close * 115 / 100;
  k.low_52w = s.previous_close * 85 / 100;
}

const stream_tick& tick_source::at(const instrument& inst, std::int64_t t) {
  cached& c = cache_[&inst];
  const std::int64_t sec = t / core::ns_per_s;
  if (c.second == sec) return c.tick;
  const std::int64_t second_start = sec * core::ns_per_s;
  c.tick = stream_tick{};
  c.tick.exchange_type = exchange_type_of(inst);
  c.tick.token = inst.token;
  c.tick.exchange_ms = sec * 1000;
  if (inst.is_index)
    fill_index(inst, second_start, c);
  else
    fill_option(inst, second_start, c);
  c.second = sec;
  return c.tick;
}

}  // namespace strike::sim
