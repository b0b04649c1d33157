// The strategy's view of the options market, from a broker's instrument master.
#pragma once

#include <memory>

#include "brokers/instrument_index.hpp"
#include "core/strategy/strategy.hpp"

namespace strike::daemon {

class index_option_chain final : public core::strategy::option_chain {
 public:
  explicit index_option_chain(std::shared_ptr<const brokers::instrument_index> index)
      : index_(std::move(index)) {}

  std::vector<std::string> expiries(std::string_view underlying, std::string_view from_date,
                                    std::size_t most) const override;
  std::optional<core::strategy::option_contract> nearest(std::string_view underlying,
                                                         std::string_view expiry,
                                                         std::int64_t strike_paise,
                                                         bool call) const override;

  const brokers::instrument_index& index() const { return *index_; }

 private:
  std::shared_ptr<const brokers::instrument_index> index_;
};

}  // namespace strike::daemon
