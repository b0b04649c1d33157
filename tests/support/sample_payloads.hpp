// Payloads of every event type with every field set to a random, awkward value: strings with
// quotes, backslashes, control characters and non-ASCII text; negative and extreme integers;
// doubles of every magnitude.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <utility>

#include "events/event.hpp"

namespace strike::test {

struct field_filler {
  std::mt19937_64& rng;

  void operator()(std::string_view, std::string& s) {
    static const std::array<std::string, 8> pool{
        "", "plain", "with \"quotes\" and \\backslash\\", "line\nbreak\ttab\r",
        "ctrl \x01\x1f end", "NIFTY 50 ₹ टेस्ट", "NFO:58784", std::string(300, 'x')};
    s = pool[rng() % pool.size()] + std::to_string(rng() % 1000);
  }
  void operator()(std::string_view, std::int64_t& v) {
    switch (rng() % 4) {
      case 0: v = static_cast<std::int64_t>(rng() % 1000); break;
      case 1: v = -static_cast<std::int64_t>(rng() % 1'000'000'000); break;
      case 2: v = std::numeric_limits<std::int64_t>::max() - static_cast<std::int64_t>(rng() % 10); break;
      default: v = std::numeric_limits<std::int64_t>::min() + static_cast<std::int64_t>(rng() % 10);
    }
  }
  void operator()(std::string_view, double& v) {
    std::uniform_real_distribution<double> mant(-10, 10);
    std::uniform_int_distribution<int> exp(-300, 300);
    v = rng() % 5 == 0 ? 0.0 : std::ldexp(mant(rng), exp(rng) / 4);
  }
  void operator()(std::string_view, bool& v) { v = rng() % 2; }
  template <class E>
    requires std::is_enum_v<E>
  void operator()(std::string_view, E& v) {
    v = static_cast<E>(rng() % events::enum_names<E>::values.size());
  }
};

template <class T>
T filled(std::mt19937_64& rng) {
  T t{};
  T::visit_fields(t, field_filler{rng});
  return t;
}

namespace detail {
template <std::size_t... I>
events::payload filled_at(std::size_t index, std::mt19937_64& rng, std::index_sequence<I...>) {
  using make_fn = events::payload (*)(std::mt19937_64&);
  static constexpr std::array<make_fn, sizeof...(I)> makers{
      [](std::mt19937_64& r) -> events::payload {
        return filled<std::variant_alternative_t<I, events::payload>>(r);
      }...};
  return makers[index](rng);
}
}  // namespace detail

// A filled payload of the type at catalogue index `index`.
inline events::payload filled_payload(std::size_t index, std::mt19937_64& rng) {
  return detail::filled_at(index, rng, std::make_index_sequence<events::type_count>{});
}

}  // namespace strike::test
