// The simulator's SmartStream frames: a tick as the real service lays it out in binary
// (protocol fact sheet, section 7.4: little-endian, prices in paise, LTP 51 / Quote 123 /
// SnapQuote 379 bytes, best five bids then best five asks), written independently of the
// client's parser so that each checks the other against the fact sheet's golden vector.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace strike::sim {

struct book_level {
  std::int64_t qty = 0;
  std::int64_t price = 0;  // paise
  std::int16_t orders = 0;
};

// Every field of a SnapQuote; the mode chosen at encoding says how much of it goes out.
struct stream_tick {
  std::uint8_t exchange_type = 1;  // 1 nse_cm, 2 nse_fo, ...
  std::string token;
  std::int64_t sequence = 0;
  std::int64_t exchange_ms = 0;  // epoch milliseconds
  std::int64_t ltp = 0;
  std::int64_t last_qty = 0;
  std::int64_t avg_price = 0;
  std::int64_t volume = 0;
  double total_buy_qty = 0;
  double total_sell_qty = 0;
  std::int64_t open = 0, high = 0, low = 0, close = 0;
  std::int64_t last_trade_s = 0;  // epoch seconds
  std::int64_t oi = 0;
  double oi_change_pct = 0;  // the docs' dummy field
  std::array<book_level, 5> bids{};
  std::array<book_level, 5> asks{};
  std::int64_t upper_circuit = 0, lower_circuit = 0, high_52w = 0, low_52w = 0;
};

// Frame length of a mode (0 for an unknown mode).
std::size_t frame_size(std::uint8_t mode);

// Writes t in the layout of mode (1 LTP, 2 Quote, 3 SnapQuote) into out, replacing its
// contents; out is left empty for an unknown mode.
void encode_frame(const stream_tick& t, std::uint8_t mode, std::string& out);

}  // namespace strike::sim
