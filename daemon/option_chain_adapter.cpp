#include "daemon/option_chain_adapter.hpp"

namespace strike::daemon {

std::vector<std::string> index_option_chain::expiries(std::string_view underlying,
                                                      std::string_view from_date,
                                                      std::size_t most) const {
  std::vector<std::string> out;
  const auto from = core::parse_date(from_date);
  for (const auto& d : index_->expiries(underlying)) {
    if (out.size() >= most) break;
    if (!from || d >= *from) out.push_back(core::format_date(d));
  }
  return out;
}

std::optional<core::strategy::option_contract> index_option_chain::nearest(
    std::string_view underlying, std::string_view expiry, std::int64_t strike_paise,
    bool call) const {
  const auto date = core::parse_date(expiry);
  if (!date) return std::nullopt;
  const auto* row =
      index_->nearest_option(underlying, *date, strike_paise,
                             call ? brokers::option_right::call : brokers::option_right::put);
  if (!row) return std::nullopt;
  return core::strategy::option_contract{row->id(),         row->symbol, std::string(expiry),
                                         row->strike_paise, call,        row->lot_size,
                                         row->tick_paise};
}

}  // namespace strike::daemon
