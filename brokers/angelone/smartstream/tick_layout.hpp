// SmartStream 2.0 binary tick frames (protocol fact sheet, section 7.4). One tick per binary
// WebSocket frame; every integer little-endian; prices in paise (currency derivatives: 10^-7
// rupee). Byte 0 (the mode) fixes the frame's length.
#pragma once

#include <cstddef>
#include <cstdint>

namespace strike::brokers::angelone::smartstream::layout {

// Frame lengths by mode.
inline constexpr std::size_t ltp_size = 51;         // mode 1
inline constexpr std::size_t quote_size = 123;      // mode 2
inline constexpr std::size_t snap_quote_size = 379; // mode 3

// Every mode.
inline constexpr std::size_t mode = 0;            // uint8: 1 LTP, 2 Quote, 3 SnapQuote
inline constexpr std::size_t exchange_type = 1;   // uint8: 1,2,3,4,5,7,13 (see exchange_name)
inline constexpr std::size_t token = 2;           // char[25]: ASCII, NUL-terminated or NUL-padded
inline constexpr std::size_t token_size = 25;
inline constexpr std::size_t sequence = 27;       // int64: exchange sequence (meaningless for indices)
inline constexpr std::size_t exchange_time = 35;  // int64: epoch milliseconds
inline constexpr std::size_t ltp = 43;            // int64: last traded price

// Quote and SnapQuote.
inline constexpr std::size_t last_qty = 51;        // int64: last traded quantity
inline constexpr std::size_t avg_price = 59;       // int64: average traded price
inline constexpr std::size_t volume = 67;          // int64: volume traded today
inline constexpr std::size_t total_buy_qty = 75;   // float64: total buy quantity
inline constexpr std::size_t total_sell_qty = 83;  // float64: total sell quantity
inline constexpr std::size_t open = 91;            // int64: day's open
inline constexpr std::size_t high = 99;            // int64: day's high
inline constexpr std::size_t low = 107;            // int64: day's low
inline constexpr std::size_t close = 115;          // int64: previous close

// SnapQuote.
inline constexpr std::size_t last_trade_time = 123;  // int64: epoch seconds or ms (unit undocumented)
inline constexpr std::size_t open_interest = 131;    // int64
inline constexpr std::size_t oi_change_pct = 139;    // float64: a dummy field, never read
inline constexpr std::size_t depth = 147;            // 10 x 20 bytes: 5 bids, then 5 asks
inline constexpr std::size_t depth_entries = 10;
inline constexpr std::size_t depth_entry_size = 20;
inline constexpr std::size_t upper_circuit = 347;    // int64
inline constexpr std::size_t lower_circuit = 355;    // int64
inline constexpr std::size_t high_52w = 363;         // int64
inline constexpr std::size_t low_52w = 371;          // int64

// One best-five entry, relative to its start.
inline constexpr std::size_t depth_flag = 0;    // int16: 1 buy, 0 sell
inline constexpr std::size_t depth_qty = 2;     // int64
inline constexpr std::size_t depth_price = 10;  // int64
inline constexpr std::size_t depth_orders = 18; // int16

static_assert(depth + depth_entries * depth_entry_size == upper_circuit);
static_assert(low_52w + 8 == snap_quote_size);
static_assert(close + 8 == quote_size);
static_assert(ltp + 8 == ltp_size);

}  // namespace strike::brokers::angelone::smartstream::layout
