#include "brokers/instrument_index.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace strike::brokers {
namespace {

// splitmix64's finaliser over the running hash and the next value: every input bit reaches
// every output bit, so keys that differ only in strike or expiry spread over the buckets.
std::size_t mix(std::size_t seed, std::size_t v) {
  std::uint64_t z = seed ^ (v + 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

std::optional<core::civil_date> instrument::expiry() const {
  if (expiry_days == 0) return std::nullopt;
  return core::civil_from_days(expiry_days);
}

std::size_t instrument_index::key_hash::operator()(const option_key& k) const {
  std::size_t h = std::hash<std::string_view>{}(k.name);
  h = mix(h, static_cast<std::size_t>(k.expiry_days));
  h = mix(h, static_cast<std::size_t>(k.strike_paise));
  return mix(h, static_cast<std::size_t>(k.right));
}

std::size_t instrument_index::key_hash::operator()(const chain_key& k) const {
  std::size_t h = std::hash<std::string_view>{}(k.name);
  h = mix(h, static_cast<std::size_t>(k.expiry_days));
  return mix(h, static_cast<std::size_t>(k.right));
}

instrument_index::instrument_index(std::vector<instrument> rows, std::string as_of)
    : rows_(std::move(rows)), as_of_(std::move(as_of)) {
  by_id_.reserve(rows_.size());
  options_.reserve(rows_.size());
  // Size every table once: rehashing 100k+ entries repeatedly costs more than the inserts.
  text_map<std::size_t> per_exchange;
  for (const auto& r : rows_) ++per_exchange[r.exchange];
  for (const auto& [exchange, n] : per_exchange) by_symbol_[exchange].reserve(n);
  for (std::uint32_t i = 0; i < rows_.size(); ++i) {
    const instrument& r = rows_[i];
    by_id_.try_emplace(r.id(), i);
    by_symbol_.find(r.exchange)->second.try_emplace(r.symbol, i);
    if (r.right == option_right::none || r.expiry_days == 0) continue;
    options_.try_emplace(option_key{r.name, r.expiry_days, r.strike_paise, r.right}, i);
    chains_[chain_key{r.name, r.expiry_days, r.right}].emplace_back(r.strike_paise, i);
  }
  for (auto& [key, c] : chains_) std::sort(c.begin(), c.end());
  std::map<std::string_view, std::set<std::int32_t>> days;
  for (const auto& [key, c] : chains_) days[key.name].insert(key.expiry_days);
  for (const auto& [name, set] : days) {
    auto& list = expiries_[std::string(name)];
    for (auto d : set) list.push_back(core::civil_from_days(d));
  }
}

const instrument* instrument_index::find_id(std::string_view id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &rows_[it->second];
}

const instrument* instrument_index::find_symbol(std::string_view exchange,
                                                std::string_view symbol) const {
  const auto ex = by_symbol_.find(exchange);
  if (ex == by_symbol_.end()) return nullptr;
  const auto it = ex->second.find(symbol);
  return it == ex->second.end() ? nullptr : &rows_[it->second];
}

const instrument* instrument_index::find_option(std::string_view name, core::civil_date expiry,
                                                std::int64_t strike_paise,
                                                option_right right) const {
  const auto days = static_cast<std::int32_t>(core::days_from_civil(expiry));
  const auto it = options_.find(option_key{name, days, strike_paise, right});
  return it == options_.end() ? nullptr : &rows_[it->second];
}

const instrument* instrument_index::nearest_option(std::string_view name, core::civil_date expiry,
                                                   std::int64_t target_paise,
                                                   option_right right) const {
  const auto days = static_cast<std::int32_t>(core::days_from_civil(expiry));
  const auto it = chains_.find(chain_key{name, days, right});
  if (it == chains_.end() || it->second.empty()) return nullptr;
  const chain& c = it->second;
  auto above = std::lower_bound(c.begin(), c.end(), std::make_pair(target_paise, std::uint32_t{0}));
  if (above == c.end()) return &rows_[c.back().second];
  if (above == c.begin()) return &rows_[above->second];
  const auto below = std::prev(above);
  // Ties go to the lower strike.
  const bool lower = target_paise - below->first <= above->first - target_paise;
  return &rows_[(lower ? below : above)->second];
}

const std::vector<core::civil_date>& instrument_index::expiries(std::string_view name) const {
  static const std::vector<core::civil_date> none;
  const auto it = expiries_.find(name);
  return it == expiries_.end() ? none : it->second;
}

}  // namespace strike::brokers
