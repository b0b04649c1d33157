// The simulator's ticks: every field of a SnapQuote for an instrument at a market second, from
// the market (prices, day statistics) and seeded hashes (quantities, open interest, depth).
// A tick is a pure function of (seed, instrument, second): every connection, and every run
// with the same seed, sees the same values for the same second.
//
// Day statistics follow market::stats exactly (open at 09:15; high and low over the minute
// starts and the current price; volume over the minutes begun) but are kept incrementally per
// instrument, so a tick costs O(1) however late in the day it is. Indices carry no volume, open
// interest or depth, and a meaningless (hashed) sequence number, as on the real feed.
//
// Not thread-safe: the simulator's reactor asks it.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "sim/market.hpp"
#include "sim/stream_frames.hpp"

namespace strike::sim {

// SmartStream's segment code of an instrument (1 NSE indices, 2 NFO options).
std::uint8_t exchange_type_of(const instrument& inst);

class tick_source {
 public:
  tick_source(market& mkt, std::uint64_t seed) : market_(mkt), seed_(seed) {}

  // The tick of the second containing t, in SnapQuote detail.
  const stream_tick& at(const instrument& inst, std::int64_t t);

 private:
  struct day_state {
    std::int64_t day_open_ns = -1;    // 09:15 of the day these figures belong to
    std::int64_t next_minute_ns = 0;  // first minute start not yet sampled
    std::int64_t open = 0, sample_high = 0, sample_low = 0, volume = 0, previous_close = 0;
  };
  struct cached {
    std::int64_t second = -1;  // UTC seconds of `tick`
    stream_tick tick;
    day_state day;
  };

  void option_day(const instrument& inst, std::int64_t t, day_state& d);
  void fill_option(const instrument& inst, std::int64_t t, cached& c);
  void fill_index(const instrument& inst, std::int64_t t, cached& c);

  market& market_;
  std::uint64_t seed_;
  std::unordered_map<const instrument*, cached> cache_;
};

}  // namespace strike::sim
