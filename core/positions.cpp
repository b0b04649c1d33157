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
  // The instrument's own key sorts first; the others follow it as "instrument@...".
  for (auto it = s.positions.lower_bound(std::string(instrument)); it != s.positions.end(); ++it) {
    const std::string_view key = it->first;
    if (key.substr(0, instrument.size()) != instrument) break;
    if (key.size() == instrument.size() || key[instrument.size()] == '@') keys.push_back(it->first);
  }
  return keys;
}

std::int64_t net_qty(const state& s, std::string_view instrument) {
  std::int64_t net = 0;
  for (const auto& key : position_keys_in(s, instrument)) net += s.positions.at(key).qty;
  return net;
}

}  // namespace strike::core
