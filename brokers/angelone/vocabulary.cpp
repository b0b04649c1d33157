#include "brokers/angelone/vocabulary.hpp"

#include <array>
#include <cctype>
#include <utility>

#include "events/order_type_traits.hpp"

namespace strike::brokers::angelone {

using events::order_type;
using events::side;

namespace {

template <class E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view word) {
  for (const auto& [e, name] : table)
    if (name == word) return e;
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [v, name] : table)
    if (v == e) return name;
  return {};
}

constexpr std::array<std::pair<order_type, std::string_view>, 4> ordertypes{{
    {order_type::limit, "LIMIT"},
    {order_type::market, "MARKET"},
    {order_type::stop_limit, "STOPLOSS_LIMIT"},
    {order_type::stop_market, "STOPLOSS_MARKET"},
}};
constexpr std::array<std::pair<product, std::string_view>, 4> products{{
    {product::intraday, "INTRADAY"},
    {product::carryforward, "CARRYFORWARD"},
    {product::delivery, "DELIVERY"},
    {product::margin, "MARGIN"},
}};
constexpr std::array<std::pair<validity, std::string_view>, 2> durations{{
    {validity::day, "DAY"},
    {validity::ioc, "IOC"},
}};
constexpr std::array<std::pair<side, std::string_view>, 2> sides{{
    {side::buy, "BUY"},
    {side::sell, "SELL"},
}};
constexpr std::array<std::pair<candle_interval, std::string_view>, 8> intervals{{
    {candle_interval::m1, "ONE_MINUTE"},
    {candle_interval::m3, "THREE_MINUTE"},
    {candle_interval::m5, "FIVE_MINUTE"},
    {candle_interval::m10, "TEN_MINUTE"},
    {candle_interval::m15, "FIFTEEN_MINUTE"},
    {candle_interval::m30, "THIRTY_MINUTE"},
    {candle_interval::h1, "ONE_HOUR"},
    {candle_interval::d1, "ONE_DAY"},
}};
constexpr std::array<std::pair<order_state, std::string_view>, 14> statuses{{
    {order_state::open, "open"},
    {order_state::open, "modified"},
    {order_state::open, "modify pending"},
    {order_state::pending, "open pending"},
    {order_state::pending, "validation pending"},
    {order_state::pending, "put order req received"},
    {order_state::pending, "after market order req received"},
    {order_state::pending, "modify after market order req received"},
    {order_state::pending, "modify validation pending"},
    {order_state::trigger_pending, "trigger pending"},
    {order_state::complete, "complete"},
    {order_state::cancelled, "cancelled"},
    {order_state::cancelled, "cancelled after market order"},
    {order_state::rejected, "rejected"},
}};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string_view variety_of(order_type t) {
  return events::is_stop(t) ? "STOPLOSS" : "NORMAL";
}
std::string_view ordertype_of(order_type t) {
  return name_of(ordertypes, t);
}
std::string_view producttype_of(product p) {
  return name_of(products, p);
}
std::string_view duration_of(validity v) {
  return name_of(durations, v);
}
std::string_view transactiontype_of(side s) {
  return name_of(sides, s);
}

std::optional<order_type> order_type_from(std::string_view w) {
  return lookup(ordertypes, w);
}
std::optional<product> product_from(std::string_view w) {
  return lookup(products, w);
}
std::optional<validity> validity_from(std::string_view w) {
  return lookup(durations, w);
}
std::optional<side> side_from(std::string_view w) {
  return lookup(sides, w);
}

order_state state_from(std::string_view status) {
  return lookup(statuses, lower(status)).value_or(order_state::unknown);
}

std::optional<candle_interval> interval_from(std::string_view name) {
  return lookup(intervals, name);
}
std::string_view interval_name(candle_interval i) {
  return name_of(intervals, i);
}

int max_days_per_request(candle_interval i) {
  switch (i) {
    case candle_interval::m1:
      return 30;
    case candle_interval::m3:
      return 60;
    case candle_interval::m5:
      return 100;
    case candle_interval::m10:
      return 100;
    case candle_interval::m15:
      return 200;
    case candle_interval::m30:
      return 200;
    case candle_interval::h1:
      return 400;
    case candle_interval::d1:
      return 2000;
  }
  return 30;
}

std::optional<instrument_parts> split_instrument(std::string_view instrument) {
  const auto colon = instrument.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == instrument.size())
    return std::nullopt;
  return instrument_parts{std::string(instrument.substr(0, colon)),
                          std::string(instrument.substr(colon + 1))};
}

std::string ordertag_for(std::string_view tag) {
  return std::string(tag.substr(0, max_ordertag));
}

}  // namespace strike::brokers::angelone
