#include "sim/option_pricing.hpp"

#include <algorithm>
#include <cmath>

namespace strike::sim {
namespace {
double norm_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}
}  // namespace

double black_scholes(bool call, double spot, double strike, double years, double vol, double rate) {
  if (years <= 0 || vol <= 0) return std::max(0.0, call ? spot - strike : strike - spot);
  const double sqrt_t = std::sqrt(years);
  const double d1 = (std::log(spot / strike) + (rate + 0.5 * vol * vol) * years) / (vol * sqrt_t);
  const double d2 = d1 - vol * sqrt_t;
  const double discount = std::exp(-rate * years);
  if (call) return spot * norm_cdf(d1) - strike * discount * norm_cdf(d2);
  return strike * discount * norm_cdf(-d2) - spot * norm_cdf(-d1);
}

double smile_vol(double atm_vol, double spot, double strike, bool call) {
  const double m = std::log(strike / spot);
  const double skew = call ? -0.3 * m : -0.6 * m;
  return atm_vol * (1.0 + 4.0 * m * m) + atm_vol * std::max(skew, 0.0);
}

}  // namespace strike::sim
