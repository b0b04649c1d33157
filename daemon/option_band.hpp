// The options the market feed streams: the strikes around the money on the two nearest
// expiries, and whatever is held or has an order working wherever the market has gone.
// Re-centred once the underlying has moved a strike. Several underlyings have a band each, and
// each band streams only its own underlying's contracts.
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

  // One band per underlying: its name ("NIFTY") and the distance between its strikes.
  option_band(std::shared_ptr<const brokers::instrument_index> index, std::string underlying_name,
              std::int64_t strike_step_paise = 50'00)
      : chain_(std::move(index)),
        underlying_name_(std::move(underlying_name)),
        strike_step_paise_(strike_step_paise) {}

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
  // Makes this band also stream what is held or working in contracts of none of the others
  // (a position adopted from the broker in a contract no band follows).
  void take_the_rest(std::vector<std::string> other_underlyings) {
    rest_ = true;
    others_ = std::move(other_underlyings);
  }

 private:
  index_option_chain chain_;
  // Whether symbol is one of this underlying's contracts ("NIFTY..." but not "NIFTYNXT50...").
  bool ours(const std::string& symbol) const;

  std::string underlying_name_;  // "NIFTY"
  std::int64_t strike_step_paise_;
  bool rest_ = false;
  std::vector<std::string> others_;
  std::vector<std::string> band_;
  std::int64_t centre_paise_ = 0;
};

}  // namespace strike::daemon
