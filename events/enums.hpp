// Small closed vocabularies used by event fields. On disk each is its lower-case name.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace strike::events {

// enum_names<E>::values lists the on-disk spelling of each enumerator, in enumerator order.
template <class E>
struct enum_names;

template <class E>
constexpr std::string_view to_string(E e) {
  return enum_names<E>::values[static_cast<std::size_t>(e)];
}

template <class E>
constexpr std::optional<E> enum_from_string(std::string_view s) {
  const auto& names = enum_names<E>::values;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

enum class side { buy, sell };
template <>
struct enum_names<side> {
  static constexpr std::array<std::string_view, 2> values{"buy", "sell"};
};

// Why an order exists: entries open or add to a position, exits reduce or close one, and a
// stop is the protective stop-loss order that rests at the broker while a position is open.
enum class purpose { entry, exit, stop };
template <>
struct enum_names<purpose> {
  static constexpr std::array<std::string_view, 3> values{"entry", "exit", "stop"};
};

enum class order_type { limit, market, stop_limit, stop_market };
template <>
struct enum_names<order_type> {
  static constexpr std::array<std::string_view, 4> values{"limit", "market", "stop_limit",
                                                          "stop_market"};
};

enum class timeframe { m1, m5, m15, h1, d1 };
template <>
struct enum_names<timeframe> {
  static constexpr std::array<std::string_view, 5> values{"1m", "5m", "15m", "1h", "1d"};
};

// What a strategy asks for.
enum class signal_action { enter_long, enter_short, exit };
template <>
struct enum_names<signal_action> {
  static constexpr std::array<std::string_view, 3> values{"enter_long", "enter_short", "exit"};
};

// A broker endpoint group's circuit breaker.
enum class breaker_state { closed, open, half_open };
template <>
struct enum_names<breaker_state> {
  static constexpr std::array<std::string_view, 3> values{"closed", "open", "half_open"};
};

// Typed broker failure, so retries and alerts can tell them apart.
enum class failure_kind { network, timeout, auth, rate_limit, rejected, bad_response, server };
template <>
struct enum_names<failure_kind> {
  static constexpr std::array<std::string_view, 7> values{
      "network", "timeout", "auth", "rate_limit", "rejected", "bad_response", "server"};
};

}  // namespace strike::events
