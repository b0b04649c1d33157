#include "storage/bar_store.hpp"

#include <algorithm>

namespace strike::storage {

bar_store::series::series(std::size_t capacity)
    : rings_{bar_ring(capacity), bar_ring(capacity), bar_ring(capacity), bar_ring(capacity),
             bar_ring(capacity)} {}

bar_store::series& bar_store::of(std::string_view instrument) {
  auto it = series_.find(instrument);
  if (it == series_.end())
    it = series_.emplace(std::string(instrument), std::make_unique<series>(capacity_)).first;
  return *it->second;
}

const bar_store::series* bar_store::find(std::string_view instrument) const {
  auto it = series_.find(instrument);
  return it == series_.end() ? nullptr : it->second.get();
}

bar_view bar_store::last(std::string_view instrument, events::timeframe tf, std::size_t n) const {
  const series* s = find(instrument);
  return s ? s->ring(tf).last(n) : bar_view{};
}

std::vector<std::string> bar_store::instrument_names() const {
  std::vector<std::string> out;
  out.reserve(series_.size());
  for (const auto& [name, s] : series_) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t bar_store::bytes_per_instrument() const {
  return sizeof(series) + timeframe_count * capacity_ * sizeof(bar);
}

}  // namespace strike::storage
