// The SmartStream tick parser against the fact sheet's layout: its golden LTP vector, Quote and
// SnapQuote frames written by the simulator's independent encoder, and every way a frame can be
// wrong. Run under ASan, the truncation sweeps prove nothing is read outside a frame.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "brokers/angelone/smartstream/tick_parser.hpp"
#include "sim/stream_frames.hpp"

using namespace strike;
using brokers::feed_mode;
using brokers::market_tick;
using brokers::angelone::smartstream::parse_tick;
using brokers::angelone::smartstream::tick_error;

namespace {

// Protocol fact sheet, section 7.5: NIFTY 50, sequence 42, 2025-01-02 09:15:00 IST, Rs 23,456.55.
const std::vector<std::uint8_t> golden = {
    0x01, 0x01, 0x39, 0x39, 0x39, 0x32, 0x36, 0x30, 0x30, 0x30, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // mode, exchange
                                                                                   // type, token
    0x2a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,                                // sequence
    0x60, 0xd6, 0x1d, 0x25, 0x94, 0x01, 0x00, 0x00,  // exchange time, ms
    0xb7, 0xca, 0x23, 0x00, 0x00, 0x00, 0x00, 0x00,  // LTP, paise
};

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

sim::stream_tick option_tick() {
  sim::stream_tick t;
  t.exchange_type = 2;
  t.token = "58784";
  t.sequence = 765'432'109'876;
  t.exchange_ms = 1'767'587'400'123;  // 2026-01-05 10:00:00.123 IST
  t.ltp = 10'250;
  t.last_qty = 130;
  t.avg_price = 10'180;
  t.volume = 1'234'500;
  t.total_buy_qty = 98'765;
  t.total_sell_qty = 87'654;
  t.open = 9'900;
  t.high = 10'400;
  t.low = 9'850;
  t.close = 9'700;
  t.last_trade_s = 1'767'587'399;
  t.oi = 4'567'800;
  t.oi_change_pct = std::numeric_limits<double>::quiet_NaN();  // a dummy field: garbage is fine
  for (int i = 0; i < 5; ++i) {
    t.bids[i] = {65LL * (i + 1), 10'245 - 5 * i, static_cast<std::int16_t>(3 + i)};
    t.asks[i] = {65LL * (i + 2), 10'255 + 5 * i, static_cast<std::int16_t>(7 + i)};
  }
  t.upper_circuit = 20'500;
  t.lower_circuit = 5;
  t.high_52w = 30'000;
  t.low_52w = 500;
  return t;
}

}  // namespace

TEST_CASE("The fact sheet's golden LTP frame decodes to NIFTY 50 at Rs 23,456.55") {
  market_tick t;
  REQUIRE(parse_tick(golden, t) == tick_error::none);
  CHECK(t.mode == feed_mode::ltp);
  CHECK(t.exchange_type == 1);
  CHECK(t.exchange == "NSE");
  CHECK(t.token == "99926000");
  CHECK(t.sequence == 42);
  CHECK(t.exchange_ns == 1'735'789'500'000LL * 1'000'000);
  CHECK(t.ltp == 2'345'655);
  CHECK(t.price_divisor == 100);
  CHECK(t.volume == 0);
  CHECK(t.bids[0] == brokers::depth_level{});
}

TEST_CASE("The simulator's encoder writes the golden LTP frame byte for byte") {
  sim::stream_tick t;
  t.exchange_type = 1;
  t.token = "99926000";
  t.sequence = 42;
  t.exchange_ms = 1'735'789'500'000;
  t.ltp = 2'345'655;
  std::string out;
  sim::encode_frame(t, 1, out);
  CHECK(std::vector<std::uint8_t>(out.begin(), out.end()) == golden);
}

TEST_CASE("A Quote frame carries quantities, averages and the day's OHLC") {
  const auto source = option_tick();
  std::string frame;
  sim::encode_frame(source, 2, frame);
  REQUIRE(frame.size() == 123);
  market_tick t;
  REQUIRE(parse_tick(bytes_of(frame), t) == tick_error::none);
  CHECK(t.mode == feed_mode::quote);
  CHECK(t.exchange == "NFO");
  CHECK(t.token == "58784");
  CHECK(t.sequence == source.sequence);
  CHECK(t.exchange_ns == source.exchange_ms * 1'000'000);
  CHECK(t.ltp == 10'250);
  CHECK(t.last_qty == 130);
  CHECK(t.avg_price == 10'180);
  CHECK(t.volume == 1'234'500);
  CHECK(t.total_buy_qty == 98'765);
  CHECK(t.total_sell_qty == 87'654);
  CHECK(t.open == 9'900);
  CHECK(t.high == 10'400);
  CHECK(t.low == 9'850);
  CHECK(t.close == 9'700);
  CHECK(t.oi == 0);  // SnapQuote only
  CHECK(t.asks[0] == brokers::depth_level{});
}

TEST_CASE("A SnapQuote frame carries open interest, circuits and best five bids then asks") {
  const auto source = option_tick();
  std::string frame;
  sim::encode_frame(source, 3, frame);
  REQUIRE(frame.size() == 379);
  market_tick t;
  REQUIRE(parse_tick(bytes_of(frame), t) == tick_error::none);
  CHECK(t.mode == feed_mode::snap_quote);
  CHECK(t.close == 9'700);
  CHECK(t.last_trade_ns == 1'767'587'399LL * 1'000'000'000);
  CHECK(t.oi == 4'567'800);
  for (int i = 0; i < 5; ++i) {
    CHECK(t.bids[i] == brokers::depth_level{65LL * (i + 1), 10'245 - 5 * i, 3 + i});
    CHECK(t.asks[i] == brokers::depth_level{65LL * (i + 2), 10'255 + 5 * i, 7 + i});
  }
  CHECK(t.upper_circuit == 20'500);
  CHECK(t.lower_circuit == 5);
  CHECK(t.high_52w == 30'000);
  CHECK(t.low_52w == 500);
}

TEST_CASE("Every frame shorter than its mode's layout is too short, never read past its end") {
  const auto source = option_tick();
  for (std::uint8_t mode = 1; mode <= 3; ++mode) {
    std::string frame;
    sim::encode_frame(source, mode, frame);
    for (std::size_t n = 1; n < frame.size(); ++n) {
      // A fresh heap copy of exactly n bytes, so ASan sees any read past it.
      std::vector<std::uint8_t> cut(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(n));
      market_tick t;
      CHECK(parse_tick(cut, t) == tick_error::too_short);
    }
  }
}

TEST_CASE("A frame longer than its mode's layout is refused") {
  std::vector<std::uint8_t> frame = golden;
  frame.push_back(0);
  market_tick t;
  CHECK(parse_tick(frame, t) == tick_error::too_long);
}

TEST_CASE("An empty frame, an unknown mode and the SDK-only depth mode are refused") {
  market_tick t;
  CHECK(parse_tick(std::span<const std::uint8_t>{}, t) == tick_error::empty);
  for (std::uint8_t mode : {0, 4, 5, 255}) {
    std::vector<std::uint8_t> frame = golden;
    frame[0] = mode;
    CHECK(parse_tick(frame, t) == tick_error::unknown_mode);
  }
}

TEST_CASE("An unknown exchange type is refused") {
  for (std::uint8_t type : {0, 6, 8, 12, 14, 200}) {
    std::vector<std::uint8_t> frame = golden;
    frame[1] = type;
    market_tick t;
    CHECK(parse_tick(frame, t) == tick_error::unknown_exchange);
  }
}

TEST_CASE("Every documented exchange type decodes, currency derivatives with their own divisor") {
  for (auto [type, name] : {std::pair{1, "NSE"},
                            {2, "NFO"},
                            {3, "BSE"},
                            {4, "BFO"},
                            {5, "MCX"},
                            {7, "NCDEX"},
                            {13, "CDS"}}) {
    std::vector<std::uint8_t> frame = golden;
    frame[1] = static_cast<std::uint8_t>(type);
    market_tick t;
    REQUIRE(parse_tick(frame, t) == tick_error::none);
    CHECK(t.exchange == name);
    CHECK(t.price_divisor == (type == 13 ? 10'000'000 : 100));
  }
}

TEST_CASE(
    "A token that is empty or holds unprintable bytes is refused, and a full 25-byte token is read "
    "whole") {
  market_tick t;
  std::vector<std::uint8_t> frame = golden;
  frame[2] = 0;
  CHECK(parse_tick(frame, t) == tick_error::bad_token);
  frame = golden;
  frame[4] = 0x07;
  CHECK(parse_tick(frame, t) == tick_error::bad_token);
  frame = golden;
  for (int i = 0; i < 25; ++i) frame[2 + i] = static_cast<std::uint8_t>('1' + i % 9);
  REQUIRE(parse_tick(frame, t) == tick_error::none);
  CHECK(t.token.size() == 25);
  CHECK(t.token == "1234567891234567891234567");
}

TEST_CASE("Bytes after the token's NUL terminator are ignored") {
  std::vector<std::uint8_t> frame = golden;
  frame[20] = 'x';
  market_tick t;
  REQUIRE(parse_tick(frame, t) == tick_error::none);
  CHECK(t.token == "99926000");
}

TEST_CASE("A negative or out-of-range exchange time is refused") {
  for (std::int64_t ms : {std::int64_t{-1}, std::numeric_limits<std::int64_t>::max(),
                          std::int64_t{9'300'000'000'000'000}}) {
    std::vector<std::uint8_t> frame = golden;
    std::memcpy(frame.data() + 35, &ms, 8);
    market_tick t;
    CHECK(parse_tick(frame, t) == tick_error::bad_time);
  }
}

TEST_CASE("Total buy and sell quantities that are negative, infinite or NaN are refused") {
  for (double bad : {-1.0, std::numeric_limits<double>::infinity(),
                     std::numeric_limits<double>::quiet_NaN(), 1e300}) {
    auto source = option_tick();
    source.total_sell_qty = bad;
    std::string frame;
    sim::encode_frame(source, 2, frame);
    market_tick t;
    CHECK(parse_tick(bytes_of(frame), t) == tick_error::bad_quantity);
  }
}

TEST_CASE("A last-trade time in milliseconds is read as such") {
  auto source = option_tick();
  source.last_trade_s = 1'767'587'399'500;  // the unit is undocumented; this one is ms
  std::string frame;
  sim::encode_frame(source, 3, frame);
  market_tick t;
  REQUIRE(parse_tick(bytes_of(frame), t) == tick_error::none);
  CHECK(t.last_trade_ns == 1'767'587'399'500LL * 1'000'000);
}

TEST_CASE(
    "A last-trade time in seconds too large to hold in nanoseconds reads as unknown (found by "
    "fuzzing)") {
  auto source = option_tick();
  source.last_trade_s = 53'307'194'952;
  std::string frame;
  sim::encode_frame(source, 3, frame);
  market_tick t;
  REQUIRE(parse_tick(bytes_of(frame), t) == tick_error::none);
  CHECK(t.last_trade_ns == 0);
}
