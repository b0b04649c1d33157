#include "events/event.hpp"

#include <algorithm>
#include <utility>

namespace strike::events {
namespace {

template <std::size_t... I>
constexpr std::array<std::string_view, type_count> make_names(std::index_sequence<I...>) {
  return {std::variant_alternative_t<I, payload>::type_name...};
}

constexpr auto names = make_names(std::make_index_sequence<type_count>{});

struct name_index {
  std::string_view name;
  std::size_t index;
};

constexpr auto sorted_names = [] {
  std::array<name_index, type_count> out{};
  for (std::size_t i = 0; i < type_count; ++i) out[i] = {names[i], i};
  std::sort(out.begin(), out.end(), [](auto a, auto b) { return a.name < b.name; });
  return out;
}();

}  // namespace

std::string_view event::type_name() const { return names[body.index()]; }

const std::array<std::string_view, type_count>& type_names() { return names; }

std::optional<std::size_t> type_index_of(std::string_view name) {
  auto it = std::lower_bound(sorted_names.begin(), sorted_names.end(), name,
                             [](const name_index& a, std::string_view n) { return a.name < n; });
  if (it == sorted_names.end() || it->name != name) return std::nullopt;
  return it->index;
}

}  // namespace strike::events
