// A list of indicators named by a spec such as
//   ema:20,sma:20,rsi:14,atr:14,adx:14,vwap,bb:20:2,z:20,kalman
// updated together bar by bar, for `striked data indicators` and for anyone who wants several
// indicators over one series. Columns (one per value, named after the spec item as written):
//   sma:N ema:N          the average, rupees
//   rsi:N                RSI, 0..100
//   atr:N                ATR, rupees
//   adx:N                three columns: adx:N, +di:N, -di:N
//   vwap                 session VWAP, rupees
//   bb:N[:K]             three columns: bb:N:K:mid, :upper, :lower, rupees (K defaults to 2)
//   z:N                  z-score of the close against SMA(N)
//   kalman[:Q[:N]]       two columns: kalman (the mean, rupees) and kalman:z
// Parameters left out take the usual defaults (20 for averages, bands and z; 14 for RSI, ATR,
// ADX; Q = 0.01). A value is absent (empty CSV field) during its indicator's warm-up.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/market/bar.hpp"
#include "base/result.hpp"

namespace strike::core::market {

class indicator_set {
 public:
  // Parses the spec; the error names the item at fault and why.
  static result<indicator_set> parse(std::string_view spec);

  indicator_set(indicator_set&&) noexcept;
  indicator_set& operator=(indicator_set&&) noexcept;
  ~indicator_set();

  const std::vector<std::string>& columns() const { return columns_; }
  void update(const bar& b);
  // The current values, one per column; nullopt during warm-up. Prices in rupees.
  void values(std::vector<std::optional<double>>& out) const;
  // Appends ",v1,v2,..." (empty fields during warm-up), shortest round-trip decimal form.
  void append_csv(std::string& out) const;

  // One indicator and its columns (defined in the .cpp).
  struct item;

 private:
  indicator_set() = default;

  std::vector<std::unique_ptr<item>> items_;
  std::vector<std::string> columns_;
};

}  // namespace strike::core::market
