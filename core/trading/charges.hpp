// Indian F&O (index options) transaction charges, computed per fill in integer paise so that
// P&L is net and exact. Rates are configurable; the defaults are NSE index options through a
// flat-fee discount broker as of 2025.
//
// Every rate is "parts per billion" of the fill's premium value (qty × price): 0.1 % is
// 1'000'000 ppb. Each component is rounded half-up to the paisa separately, as contract
// notes do.
#pragma once

#include <cstdint>

#include "events/enums.hpp"

namespace strike::core::trading {

struct charge_rates {
  std::int64_t brokerage_per_order_paise = 2000;  // ₹20 per executed order, on its first fill
  std::int64_t brokerage_cap_ppb = 0;             // cap as a share of the fill value; 0 = none
  std::int64_t stt_sell_ppb = 1'000'000;          // STT 0.1 % of premium, sell side only
  std::int64_t stt_exercise_ppb = 1'250'000;      // STT 0.125 % of the settlement value of an
                                                  // option held long and exercised in the money
  std::int64_t exchange_ppb = 350'300;            // NSE transaction charge 0.03503 % of premium
  std::int64_t sebi_ppb = 1'000;                  // SEBI fee ₹10 per crore
  std::int64_t stamp_buy_ppb = 30'000;            // stamp duty 0.003 %, buy side only
  std::int64_t ipft_ppb = 5'000;                  // NSE IPFT ₹0.50 per lakh of premium
  std::int64_t gst_ppb = 180'000'000;             // GST 18 % on brokerage + exchange + SEBI fees
};

struct fill_charges {
  std::int64_t brokerage = 0;
  std::int64_t stt = 0;
  std::int64_t exchange = 0;
  std::int64_t sebi = 0;
  std::int64_t stamp = 0;
  std::int64_t ipft = 0;
  std::int64_t gst = 0;
  std::int64_t total() const { return brokerage + stt + exchange + sebi + stamp + ipft + gst; }
};

// Charges for one fill. first_fill_of_order says whether the per-order brokerage applies.
fill_charges charges_for_fill(const charge_rates& rates, events::side side, std::int64_t qty,
                              std::int64_t price_paise, bool first_fill_of_order);

// Charges for settling qty units of an option at expiry at settlement_paise a unit (its
// intrinsic value): the exercise STT for a long position in the money, nothing else (no order
// was placed, no premium traded). A short one, or one expiring worthless, pays nothing.
fill_charges settlement_charges(const charge_rates& rates, bool long_position, std::int64_t qty,
                                std::int64_t settlement_paise);

// value × ppb / 1e9, rounded half-up; exact for any value below 2^63 / 1e9 × 1e9.
std::int64_t apply_ppb(std::int64_t value_paise, std::int64_t ppb);

}  // namespace strike::core::trading
