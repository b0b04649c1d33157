#include "events/event.hpp"

#include <cstdint>
#include <utility>

namespace strike::events {
namespace {

template <std::size_t... I>
constexpr std::array<std::string_view, type_count> make_names(std::index_sequence<I...>) {
  return {std::variant_alternative_t<I, payload>::type_name...};
}

constexpr auto names = make_names(std::make_index_sequence<type_count>{});

// Replay looks up every line's type, so an open-addressing table stands in for a search.
// The hash reads the length and three bytes; probing settles collisions.
constexpr std::size_t name_slots = 256;  // a power of two, several times type_count

constexpr std::size_t slot_of(std::string_view name) {
  if (name.empty()) return 0;
  std::uint32_t h = static_cast<std::uint32_t>(name.size()) * 0x9E3779B1u;
  h ^= static_cast<unsigned char>(name.front()) << 16;
  h ^= static_cast<unsigned char>(name[name.size() / 2]) << 8;
  h ^= static_cast<unsigned char>(name.back());
  h *= 0x85EBCA6Bu;
  return (h ^ (h >> 15)) & (name_slots - 1);
}

constexpr auto name_table = [] {
  std::array<int, name_slots> t{};
  t.fill(-1);
  for (std::size_t i = 0; i < type_count; ++i) {
    std::size_t slot = slot_of(names[i]);
    while (t[slot] >= 0) slot = (slot + 1) & (name_slots - 1);
    t[slot] = static_cast<int>(i);
  }
  return t;
}();

}  // namespace

std::string_view event::type_name() const {
  return names[body.index()];
}

const std::array<std::string_view, type_count>& type_names() {
  return names;
}

std::optional<std::size_t> type_index_of(std::string_view name) {
  for (std::size_t slot = slot_of(name); name_table[slot] >= 0;
       slot = (slot + 1) & (name_slots - 1)) {
    const auto index = static_cast<std::size_t>(name_table[slot]);
    if (names[index] == name) return index;
  }
  return std::nullopt;
}

}  // namespace strike::events
