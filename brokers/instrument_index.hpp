// The tradable instruments of one day, indexed for the lookups a strategy makes: by id
// ("NFO:58784"), by trading symbol, and "NIFTY, expiry X, strike K, CE/PE" in O(1), plus the
// nearest listed strike. Built once from a broker's instrument master, then read-only: share it
// as std::shared_ptr<const instrument_index> between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/ist.hpp"

namespace strike::brokers {

enum class option_right : std::uint8_t { none, call, put };

struct instrument {
  std::string exchange;  // "NFO"
  std::string token;     // "58784"
  std::string symbol;    // trading symbol, "NIFTY28OCT2524400CE"
  std::string name;      // underlying, "NIFTY"
  std::string kind;      // the broker's instrument type, e.g. "OPTIDX", "FUTIDX", "AMXIDX"
  std::int32_t expiry_days = 0;  // days since 1970-01-01 of the expiry date; 0 when none
  std::int64_t strike_paise = 0;  // 0 when not an option
  option_right right = option_right::none;
  std::int64_t lot_size = 1;    // units per lot
  std::int64_t tick_paise = 5;  // price step

  std::string id() const { return exchange + ":" + token; }
  std::optional<core::civil_date> expiry() const;
};

class instrument_index {
 public:
  // Takes the rows; as_of is the date the master was generated ("2026-01-06").
  instrument_index(std::vector<instrument> rows, std::string as_of);
  instrument_index(const instrument_index&) = delete;
  instrument_index& operator=(const instrument_index&) = delete;

  std::size_t size() const { return rows_.size(); }
  const std::string& as_of() const { return as_of_; }
  const std::vector<instrument>& rows() const { return rows_; }

  // "NFO:58784"
  const instrument* find_id(std::string_view id) const;
  const instrument* find_symbol(std::string_view exchange, std::string_view symbol) const;
  // The option on `name` (e.g. "NIFTY") with that expiry, strike and right; null when unlisted.
  const instrument* find_option(std::string_view name, core::civil_date expiry,
                                std::int64_t strike_paise, option_right right) const;
  // The listed option whose strike is nearest to target_paise (the lower one on a tie).
  const instrument* nearest_option(std::string_view name, core::civil_date expiry,
                                   std::int64_t target_paise, option_right right) const;
  // Option expiries listed for name, ascending (listed once, when the index is built: a
  // strategy asks on its way to an order).
  const std::vector<core::civil_date>& expiries(std::string_view name) const;

 private:
  struct option_key {
    std::string_view name;
    std::int32_t expiry_days;
    std::int64_t strike_paise;
    option_right right;
    bool operator==(const option_key&) const = default;
  };
  struct chain_key {
    std::string_view name;
    std::int32_t expiry_days;
    option_right right;
    bool operator==(const chain_key&) const = default;
  };
  struct key_hash {
    std::size_t operator()(const option_key& k) const;
    std::size_t operator()(const chain_key& k) const;
  };
  // A chain: strikes ascending, each with its row.
  using chain = std::vector<std::pair<std::int64_t, std::uint32_t>>;

  struct text_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <class V>
  using text_map = std::unordered_map<std::string, V, text_hash, std::equal_to<>>;

  std::vector<instrument> rows_;
  std::string as_of_;
  text_map<std::uint32_t> by_id_;
  text_map<text_map<std::uint32_t>> by_symbol_;  // exchange -> symbol -> row
  // Option keys hold views into rows_, which never changes after construction.
  std::unordered_map<option_key, std::uint32_t, key_hash> options_;
  std::unordered_map<chain_key, chain, key_hash> chains_;
  text_map<std::vector<core::civil_date>> expiries_;  // by name, ascending
};

}  // namespace strike::brokers
