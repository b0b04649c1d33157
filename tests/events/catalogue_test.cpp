#include <doctest/doctest.h>

#include <fstream>
#include <vector>
#include <set>
#include <sstream>
#include <string>

#include "events/event.hpp"

using namespace strike;

TEST_CASE("the catalogue has 52 distinct type names that look up their own index") {
  const auto& names = events::type_names();
  std::set<std::string_view> unique(names.begin(), names.end());
  CHECK(names.size() == 52);
  CHECK(unique.size() == 52);
  for (std::size_t i = 0; i < names.size(); ++i) CHECK(events::type_index_of(names[i]) == i);
  CHECK_FALSE(events::type_index_of("Heartbeat").has_value());
  CHECK(events::index_of<events::order_filled>() == *events::type_index_of("OrderFilled"));
}

namespace {

template <std::size_t... I>
std::vector<std::pair<std::string_view, std::vector<std::string_view>>> schema(std::index_sequence<I...>) {
  std::vector<std::pair<std::string_view, std::vector<std::string_view>>> out;
  auto add = [&](auto tag) {
    using T = typename decltype(tag)::type;
    std::vector<std::string_view> fields;
    T t{};
    T::visit_fields(t, [&](std::string_view name, auto&) { fields.push_back(name); });
    out.emplace_back(T::type_name, fields);
  };
  (add(std::type_identity<std::variant_alternative_t<I, events::payload>>{}), ...);
  return out;
}

}  // namespace

TEST_CASE("payload fields never shadow the envelope's fields") {
  const std::set<std::string_view> envelope{"seq", "ts", "type", "key", "cause", "corr", "crc"};
  for (const auto& [type, fields] : schema(std::make_index_sequence<events::type_count>{}))
    for (auto f : fields) {
      CAPTURE(type);
      CHECK(envelope.count(f) == 0);
    }
}

TEST_CASE("docs/events.md documents every event and every field") {
  std::ifstream in(std::string(STRIKE_SOURCE_DIR) + "/docs/events.md");
  REQUIRE(in);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string doc = buf.str();
  for (const auto& [type, fields] : schema(std::make_index_sequence<events::type_count>{})) {
    const std::string heading = "### " + std::string(type) + "\n";
    const auto at = doc.find(heading);
    CAPTURE(type);
    REQUIRE(at != std::string::npos);
    const auto end = doc.find("\n### ", at + heading.size());
    const std::string section = doc.substr(at, end == std::string::npos ? std::string::npos : end - at);
    for (auto f : fields) {
      CAPTURE(f);
      CHECK(section.find("`" + std::string(f) + "`") != std::string::npos);
    }
  }
}
