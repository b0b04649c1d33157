#include "core/market/bar.hpp"

#include <charconv>

namespace strike::core::market {

events::bar_closed to_event(std::string instrument, events::timeframe tf, const bar& b) {
  return {std::move(instrument), tf, b.start_ns, b.open, b.high, b.low, b.close, b.volume, b.oi};
}

bar from_event(const events::bar_closed& e) {
  return {e.start_ns, e.open_paise, e.high_paise, e.low_paise, e.close_paise, e.volume, e.oi};
}

std::string format_rupees(std::int64_t paise) {
  const bool negative = paise < 0;
  // Unsigned arithmetic so that the most negative value does not overflow.
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(paise) : static_cast<std::uint64_t>(paise);
  // By hand rather than through printf: an order's price is written this way on its way out.
  char buf[32];
  char* p = buf;
  if (negative) *p++ = '-';
  p = std::to_chars(p, buf + sizeof buf, magnitude / 100).ptr;
  const auto cents = static_cast<unsigned>(magnitude % 100);
  *p++ = '.';
  *p++ = static_cast<char>('0' + cents / 10);
  *p++ = static_cast<char>('0' + cents % 10);
  return {buf, p};
}

std::string format_rupees_short(std::int64_t paise) {
  std::string s = format_rupees(paise);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

}  // namespace strike::core::market
