#include "brokers/angelone/smartstream/tick_parser.hpp"

#include <bit>
#include <cmath>
#include <type_traits>
#include <limits>

#include "brokers/angelone/smartstream/exchange_types.hpp"
#include "brokers/angelone/smartstream/tick_layout.hpp"

namespace strike::brokers::angelone::smartstream {
namespace {

// Callers check the frame's length once against the mode's layout; these read inside it.
template <class T>
T load(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (std::size_t i = sizeof(T); i-- > 0;) v = (v << 8) | p[i];
  if constexpr (sizeof(T) == 8) {
    return std::bit_cast<T>(v);
  } else {
    return static_cast<T>(static_cast<std::make_unsigned_t<T>>(v));
  }
}

std::int64_t i64(const std::uint8_t* f, std::size_t at) { return load<std::int64_t>(f + at); }

std::size_t size_of_mode(std::uint8_t mode) {
  switch (mode) {
    case 1: return layout::ltp_size;
    case 2: return layout::quote_size;
    case 3: return layout::snap_quote_size;
    default: return 0;
  }
}

// The token's characters up to its first NUL; empty when it has none or holds a byte that is
// not printable ASCII.
std::string_view token_of(const std::uint8_t* f) {
  const char* chars = reinterpret_cast<const char*>(f + layout::token);
  std::size_t n = 0;
  while (n < layout::token_size && chars[n] != '\0') {
    if (chars[n] < 0x21 || chars[n] > 0x7E) return {};
    ++n;
  }
  return {chars, n};
}

// Epoch ms to ns, when representable.
bool ms_to_ns(std::int64_t ms, std::int64_t& ns) {
  constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max() / 1'000'000;
  if (ms < 0 || ms > limit) return false;
  ns = ms * 1'000'000;
  return true;
}

bool whole_quantity(const std::uint8_t* f, std::size_t at, std::int64_t& out) {
  const double d = load<double>(f + at);
  if (!std::isfinite(d) || d < 0 || d > 9.0e18) return false;
  out = std::llround(d);
  return true;
}

// The unit of the last-trade time is undocumented: below 10^11 it reads as seconds (that is
// before the year 5138), above as milliseconds. 0 when it cannot be a time we can hold.
std::int64_t trade_time_ns(std::int64_t raw) {
  constexpr std::int64_t max_seconds = std::numeric_limits<std::int64_t>::max() / 1'000'000'000;
  if (raw <= 0) return 0;
  if (raw < 100'000'000'000) return raw <= max_seconds ? raw * 1'000'000'000 : 0;
  std::int64_t ns = 0;
  return ms_to_ns(raw, ns) ? ns : 0;
}

void read_depth(const std::uint8_t* f, market_tick& out) {
  for (std::size_t i = 0; i < layout::depth_entries; ++i) {
    const std::uint8_t* e = f + layout::depth + i * layout::depth_entry_size;
    depth_level level;
    level.qty = load<std::int64_t>(e + layout::depth_qty);
    level.price_paise = load<std::int64_t>(e + layout::depth_price);
    level.orders = load<std::int16_t>(e + layout::depth_orders);
    (i < 5 ? out.bids[i] : out.asks[i - 5]) = level;
  }
}

}  // namespace

std::string_view to_string(tick_error e) {
  switch (e) {
    case tick_error::none: return "none";
    case tick_error::empty: return "empty";
    case tick_error::unknown_mode: return "unknown_mode";
    case tick_error::too_short: return "too_short";
    case tick_error::too_long: return "too_long";
    case tick_error::unknown_exchange: return "unknown_exchange";
    case tick_error::bad_token: return "bad_token";
    case tick_error::bad_time: return "bad_time";
    case tick_error::bad_quantity: return "bad_quantity";
  }
  return "unknown";
}

std::string_view peek_token(std::span<const std::uint8_t> frame) {
  if (frame.size() < layout::token + layout::token_size) return {};
  return token_of(frame.data());
}

tick_error parse_tick(std::span<const std::uint8_t> frame, market_tick& out) {
  if (frame.empty()) return tick_error::empty;
  const std::uint8_t* f = frame.data();
  const std::size_t want = size_of_mode(f[layout::mode]);
  if (want == 0) return tick_error::unknown_mode;
  if (frame.size() < want) return tick_error::too_short;
  if (frame.size() > want) return tick_error::too_long;

  out = market_tick{};
  out.mode = static_cast<feed_mode>(f[layout::mode]);
  out.exchange_type = f[layout::exchange_type];
  out.exchange = exchange_name(out.exchange_type);
  if (out.exchange.empty()) return tick_error::unknown_exchange;
  out.token = token_of(f);
  if (out.token.empty()) return tick_error::bad_token;
  out.price_divisor = price_divisor(out.exchange_type);
  out.sequence = i64(f, layout::sequence);
  if (!ms_to_ns(i64(f, layout::exchange_time), out.exchange_ns)) return tick_error::bad_time;
  out.ltp = i64(f, layout::ltp);
  if (out.mode == feed_mode::ltp) return tick_error::none;

  out.last_qty = i64(f, layout::last_qty);
  out.avg_price = i64(f, layout::avg_price);
  out.volume = i64(f, layout::volume);
  if (!whole_quantity(f, layout::total_buy_qty, out.total_buy_qty) ||
      !whole_quantity(f, layout::total_sell_qty, out.total_sell_qty))
    return tick_error::bad_quantity;
  out.open = i64(f, layout::open);
  out.high = i64(f, layout::high);
  out.low = i64(f, layout::low);
  out.close = i64(f, layout::close);
  if (out.mode == feed_mode::quote) return tick_error::none;

  out.last_trade_ns = trade_time_ns(i64(f, layout::last_trade_time));
  out.oi = i64(f, layout::open_interest);
  read_depth(f, out);
  out.upper_circuit = i64(f, layout::upper_circuit);
  out.lower_circuit = i64(f, layout::lower_circuit);
  out.high_52w = i64(f, layout::high_52w);
  out.low_52w = i64(f, layout::low_52w);
  return tick_error::none;
}

}  // namespace strike::brokers::angelone::smartstream
