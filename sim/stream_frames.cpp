#include "sim/stream_frames.hpp"

#include <bit>
#include <cstring>

namespace strike::sim {
namespace {

void put(std::string& out, std::size_t at, std::uint64_t v, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i) out[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}
void put64(std::string& out, std::size_t at, std::int64_t v) {
  put(out, at, static_cast<std::uint64_t>(v), 8);
}
void put_double(std::string& out, std::size_t at, double v) {
  put(out, at, std::bit_cast<std::uint64_t>(v), 8);
}
void put16(std::string& out, std::size_t at, std::int16_t v) {
  put(out, at, static_cast<std::uint16_t>(v), 2);
}

}  // namespace

std::size_t frame_size(std::uint8_t mode) {
  switch (mode) {
    case 1:
      return 51;
    case 2:
      return 123;
    case 3:
      return 379;
    default:
      return 0;
  }
}

void encode_frame(const stream_tick& t, std::uint8_t mode, std::string& out) {
  out.assign(frame_size(mode), '\0');
  if (out.empty()) return;
  out[0] = static_cast<char>(mode);
  out[1] = static_cast<char>(t.exchange_type);
  std::memcpy(out.data() + 2, t.token.data(), std::min<std::size_t>(t.token.size(), 25));
  put64(out, 27, t.sequence);
  put64(out, 35, t.exchange_ms);
  put64(out, 43, t.ltp);
  if (mode == 1) return;
  put64(out, 51, t.last_qty);
  put64(out, 59, t.avg_price);
  put64(out, 67, t.volume);
  put_double(out, 75, t.total_buy_qty);
  put_double(out, 83, t.total_sell_qty);
  put64(out, 91, t.open);
  put64(out, 99, t.high);
  put64(out, 107, t.low);
  put64(out, 115, t.close);
  if (mode == 2) return;
  put64(out, 123, t.last_trade_s);
  put64(out, 131, t.oi);
  put_double(out, 139, t.oi_change_pct);
  for (std::size_t i = 0; i < 10; ++i) {
    const bool bid = i < 5;
    const book_level& l = bid ? t.bids[i] : t.asks[i - 5];
    if (l.qty == 0 && l.price == 0 && l.orders == 0) continue;  // empty levels stay zero-filled
    const std::size_t at = 147 + 20 * i;
    put16(out, at, bid ? 1 : 0);
    put64(out, at + 2, l.qty);
    put64(out, at + 10, l.price);
    put16(out, at + 18, l.orders);
  }
  put64(out, 347, t.upper_circuit);
  put64(out, 355, t.lower_circuit);
  put64(out, 363, t.high_52w);
  put64(out, 371, t.low_52w);
}

}  // namespace strike::sim
