#include "core/market/bar_checks.hpp"

namespace strike::core::market {

bar_fault check_bar(const bar& b) {
  if (b.open <= 0 || b.high <= 0 || b.low <= 0 || b.close <= 0) return bar_fault::bad_price;
  if (b.high < b.low) return bar_fault::high_below_low;
  if (b.open < b.low || b.open > b.high) return bar_fault::open_outside_range;
  if (b.close < b.low || b.close > b.high) return bar_fault::close_outside_range;
  if (b.volume < 0 || b.oi < 0) return bar_fault::bad_volume;
  return bar_fault::none;
}

std::string_view reason_code(bar_fault f) {
  switch (f) {
    case bar_fault::none:
      return "";
    case bar_fault::bad_price:
      return "bad_price";
    case bar_fault::high_below_low:
    case bar_fault::open_outside_range:
    case bar_fault::close_outside_range:
      return "bad_ohlc";
    case bar_fault::bad_volume:
      return "bad_volume";
  }
  return "";
}

std::string describe(bar_fault f, const bar& b) {
  const std::string range = "[" + format_rupees(b.low) + ", " + format_rupees(b.high) + "]";
  switch (f) {
    case bar_fault::none:
      return "";
    case bar_fault::bad_price:
      return "prices must be positive: open " + format_rupees(b.open) + " high " +
             format_rupees(b.high) + " low " + format_rupees(b.low) + " close " +
             format_rupees(b.close);
    case bar_fault::high_below_low:
      return "high " + format_rupees(b.high) + " < low " + format_rupees(b.low);
    case bar_fault::open_outside_range:
      return "open " + format_rupees(b.open) + " outside " + range;
    case bar_fault::close_outside_range:
      return "close " + format_rupees(b.close) + " outside " + range;
    case bar_fault::bad_volume:
      return "negative volume or open interest: volume " + std::to_string(b.volume) + " oi " +
             std::to_string(b.oi);
  }
  return "";
}

bar_fault check_tick(const tick& t) {
  if (t.price <= 0) return bar_fault::bad_price;
  if (t.day_volume < 0 || t.oi < 0) return bar_fault::bad_volume;
  return bar_fault::none;
}

std::string describe(bar_fault f, const tick& t) {
  switch (f) {
    case bar_fault::bad_price:
      return "price must be positive: " + format_rupees(t.price);
    case bar_fault::bad_volume:
      return "negative volume or open interest: volume " + std::to_string(t.day_volume) + " oi " +
             std::to_string(t.oi);
    default:
      return "";
  }
}

}  // namespace strike::core::market
