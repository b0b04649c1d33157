#include "core/positions.hpp"

namespace strike::core {

std::string position_key(const state& s, std::string_view instrument, std::string_view instance) {
  std::string key(instrument);
  if (instance.empty()) return key;
  const auto first = s.positions.find(key);
  // A position of no instance is from a journal of one strategy: it is that strategy's.
  if (first != s.positions.end() &&
      (first->second.strategy == instance || first->second.strategy.empty()))
    return key;
  std::string own = key + "@" + std::string(instance);
  if (first == s.positions.end() && s.positions.find(own) == s.positions.end()) return key;
  return own;
}

const position_record* find_position(const state& s, std::string_view instrument,
                                     std::string_view instance) {
  const auto it = s.positions.find(position_key(s, instrument, instance));
  return it == s.positions.end() ? nullptr : &it->second;
}

position_record* find_position(state& s, std::string_view instrument, std::string_view instance) {
  const auto it = s.positions.find(position_key(s, instrument, instance));
  return it == s.positions.end() ? nullptr : &it->second;
}

std::vector<std::string> position_keys_in(const state& s, std::string_view instrument) {
  std::vector<std::string> keys;
  for_each_position_in(s, instrument, [&keys](const std::string& key) { keys.push_back(key); });
  return keys;
}

std::int64_t net_qty(const state& s, std::string_view instrument) {
  std::int64_t net = 0;
  for_each_position_in(s, instrument,
                       [&](const std::string& key) { net += s.positions.at(key).qty; });
  return net;
}

}  // namespace strike::core
