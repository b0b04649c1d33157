// The latest prices of an instrument, as the trading engine needs them. Prices in paise; a
// zero bid or ask means the depth is unknown.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace strike::core::trading {

struct quote {
  std::int64_t ts_ns = 0;
  std::int64_t ltp = 0;
  std::int64_t bid = 0;
  std::int64_t ask = 0;
};

// Latest quote per instrument. Live data, never journaled: decisions taken from it are.
class market_view {
 public:
  void update(const std::string& instrument, const quote& q) { quotes_[instrument] = q; }
  const quote* find(const std::string& instrument) const {
    auto it = quotes_.find(instrument);
    return it == quotes_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<std::string, quote> quotes_;
};

}  // namespace strike::core::trading
