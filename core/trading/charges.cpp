#include "core/trading/charges.hpp"

#include <algorithm>

#include "core/mul_div.hpp"

namespace strike::core::trading {

std::int64_t apply_ppb(std::int64_t value_paise, std::int64_t ppb) {
  return mul_div_round(value_paise, ppb, 1'000'000'000);
}

fill_charges charges_for_fill(const charge_rates& r, events::side side, std::int64_t qty,
                              std::int64_t price_paise, bool first_fill_of_order) {
  const std::int64_t value = qty * price_paise;
  fill_charges c;
  if (first_fill_of_order) {
    c.brokerage = r.brokerage_per_order_paise;
    if (r.brokerage_cap_ppb > 0)
      c.brokerage = std::min(c.brokerage, apply_ppb(value, r.brokerage_cap_ppb));
  }
  if (side == events::side::sell) c.stt = apply_ppb(value, r.stt_sell_ppb);
  if (side == events::side::buy) c.stamp = apply_ppb(value, r.stamp_buy_ppb);
  c.exchange = apply_ppb(value, r.exchange_ppb);
  c.sebi = apply_ppb(value, r.sebi_ppb);
  c.ipft = apply_ppb(value, r.ipft_ppb);
  c.gst = apply_ppb(c.brokerage + c.exchange + c.sebi, r.gst_ppb);
  return c;
}

fill_charges settlement_charges(const charge_rates& r, bool long_position, std::int64_t qty,
                                std::int64_t settlement_paise) {
  fill_charges c;
  if (long_position) c.stt = apply_ppb(qty * settlement_paise, r.stt_exercise_ppb);
  return c;
}

}  // namespace strike::core::trading
