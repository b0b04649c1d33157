// The options the market feed streams: the strikes around the money on the two nearest
// expiries, and whatever is held or has an order working wherever the market has gone.
// Re-centred once the underlying has moved a strike.
//
// Reactor thread only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "brokers/feeds.hpp"
#include "brokers/instrument_index.hpp"
#include "core/state.hpp"
#include "daemon/option_chain_adapter.hpp"

namespace strike::daemon {

class option_band {
 public:
  static constexpr int strikes_each_side = 5;
  static constexpr std::int64_t strike_step_paise = 50'00;  // NIFTY strikes are ₹50 apart

  option_band(std::shared_ptr<const brokers::instrument_index> index, std::string underlying_name)
      : chain_(std::move(index)), underlying_name_(std::move(underlying_name)) {}

  // The instrument master as the strategy sees it.
  const index_option_chain& chain() const { return chain_; }
  // A new day's master: the next refresh re-centres on it (the chain keeps its address).
  void replace_index(std::shared_ptr<const brokers::instrument_index> index) {
    chain_ = index_option_chain(std::move(index));
    centre_paise_ = 0;
  }

  // Subscribes what has come into the band around underlying_paise on feed and unsubscribes
  // what has left it; nothing while the underlying is within a strike of the last centre.
  void refresh(std::int64_t underlying_paise, const core::state& state, std::int64_t now_ns,
               brokers::market_feed& feed);

  const std::vector<std::string>& instruments() const { return band_; }

 private:
  index_option_chain chain_;
  std::string underlying_name_;  // "NIFTY"
  std::vector<std::string> band_;
  std::int64_t centre_paise_ = 0;
};

}  // namespace strike::daemon
