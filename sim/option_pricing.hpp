// Black-Scholes prices for European index options (no dividends), used to turn the simulated
// underlying and VIX into option premiums.
#pragma once

namespace strike::sim {

// years: time to expiry in years (<= 0 gives intrinsic value); vol and rate are annual,
// as fractions (0.13 = 13 %).
double black_scholes(bool call, double spot, double strike, double years, double vol, double rate);

// Volatility for a strike: the VIX level scaled by a gentle smile (away-from-the-money
// options trade at a higher volatility, puts a little more than calls).
double smile_vol(double atm_vol, double spot, double strike, bool call);

}  // namespace strike::sim
