#include "core/report/overfitting.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

namespace strike::core::report {

namespace {

constexpr double euler_gamma = 0.5772156649015328606;
constexpr double infinity = std::numeric_limits<double>::infinity();

// Sharpe ratio of k returns from their sum and sum of squares.
double sharpe_from_sums(double sum, double squares, std::int64_t k) {
  if (k < 2) return 0;
  const double mean = sum / static_cast<double>(k);
  const double variance = (squares - sum * mean) / static_cast<double>(k - 1);
  // A constant series leaves rounding noise, not a variance.
  if (variance <= 1e-12 * (squares / static_cast<double>(k)))
    return mean == 0 ? 0 : std::copysign(infinity, mean);
  return mean / std::sqrt(variance);
}

}  // namespace

double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

double normal_quantile(double p) {
  if (p <= 0) return -infinity;
  if (p >= 1) return infinity;
  // Acklam's rational approximation (relative error 1.15e-9), then one Halley step on the
  // exact CDF.
  static constexpr std::array<double, 6> a = {-3.969683028665376e+01, 2.209460984245205e+02,
                                              -2.759285104469687e+02, 1.383577518672690e+02,
                                              -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr std::array<double, 5> b = {-5.447609879822406e+01, 1.615858368580409e+02,
                                              -1.556989798598866e+02, 6.680131188771972e+01,
                                              -1.328068155288572e+01};
  static constexpr std::array<double, 6> c = {-7.784894002430293e-03, -3.223964580411365e-01,
                                              -2.400758277161838e+00, -2.549732539343734e+00,
                                              4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr std::array<double, 4> d = {7.784695709041462e-03, 3.224671290700398e-01,
                                              2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double low = 0.02425;
  auto tail = [&](double q) {
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  };
  double x;
  if (p < low) {
    x = tail(std::sqrt(-2 * std::log(p)));
  } else if (p > 1 - low) {
    x = -tail(std::sqrt(-2 * std::log1p(-p)));
  } else {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const double e = normal_cdf(x) - p;
  const double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

return_moments moments(std::span<const double> returns) {
  return_moments m;
  m.count = static_cast<std::int64_t>(returns.size());
  if (returns.empty()) return m;
  const double n = static_cast<double>(returns.size());
  double sum = 0;
  for (double r : returns) sum += r;
  m.mean = sum / n;
  double m2 = 0, m3 = 0, m4 = 0;
  for (double r : returns) {
    const double d = r - m.mean, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  if (returns.size() > 1) m.stdev = std::sqrt(m2 / (n - 1));
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (m2 > 0) {
    m.skewness = m3 / std::pow(m2, 1.5);
    m.kurtosis = m4 / (m2 * m2);
  }
  return m;
}

double sharpe_ratio(std::span<const double> returns) {
  double sum = 0, squares = 0;
  for (double r : returns) {
    sum += r;
    squares += r * r;
  }
  return sharpe_from_sums(sum, squares, static_cast<std::int64_t>(returns.size()));
}

double expected_max_sharpe(std::int64_t trials, double variance) {
  if (trials < 2 || variance <= 0) return 0;
  const double n = static_cast<double>(trials);
  return std::sqrt(variance) * ((1 - euler_gamma) * normal_quantile(1 - 1 / n) +
                                euler_gamma * normal_quantile(1 - 1 / (n * std::exp(1.0))));
}

double probabilistic_sharpe(double sr, double benchmark, std::int64_t count, double skewness,
                            double kurtosis) {
  if (count < 2 || !std::isfinite(sr)) return sr > benchmark ? 1 : 0;
  const double spread = 1 - skewness * sr + (kurtosis - 1) / 4 * sr * sr;
  if (spread <= 0) return sr > benchmark ? 1 : 0;
  return normal_cdf((sr - benchmark) * std::sqrt(static_cast<double>(count - 1)) /
                    std::sqrt(spread));
}

deflated_sharpe deflate_sharpe(std::span<const double> best,
                               std::span<const double> trial_sharpes) {
  deflated_sharpe d;
  d.sharpe = sharpe_ratio(best);
  std::vector<double> finite;
  for (double s : trial_sharpes)
    if (std::isfinite(s)) finite.push_back(s);
  double variance = 0;
  if (finite.size() > 1) {
    double mean = 0;
    for (double s : finite) mean += s;
    mean /= static_cast<double>(finite.size());
    for (double s : finite) variance += (s - mean) * (s - mean);
    variance /= static_cast<double>(finite.size() - 1);
  }
  d.benchmark = expected_max_sharpe(static_cast<std::int64_t>(trial_sharpes.size()), variance);
  const auto m = moments(best);
  d.probability = probabilistic_sharpe(d.sharpe, d.benchmark, m.count, m.skewness, m.kurtosis);
  return d;
}

result<block_sums> sum_blocks(std::span<const double> returns, int blocks) {
  if (blocks < 2 || blocks % 2 != 0 || blocks > 24)
    return error{"overfitting: " + std::to_string(blocks) + " blocks; an even number 2..24"};
  const std::size_t count = returns.size(), s = static_cast<std::size_t>(blocks);
  if (count < s)
    return error{"overfitting: " + std::to_string(count) + " returns cannot make " +
                 std::to_string(blocks) + " blocks"};
  block_sums out{std::vector<double>(s), std::vector<double>(s), std::vector<std::int64_t>(s)};
  for (std::size_t b = 0; b < s; ++b) {
    const std::size_t lo = b * count / s, hi = (b + 1) * count / s;
    out.sizes[b] = static_cast<std::int64_t>(hi - lo);
    for (std::size_t t = lo; t < hi; ++t) {
      out.sums[b] += returns[t];
      out.squares[b] += returns[t] * returns[t];
    }
  }
  return out;
}

result<overfitting_probability> backtest_overfitting(
    const std::vector<std::vector<double>>& returns, int blocks) {
  if (returns.size() < 2)
    return error{"overfitting: " + std::to_string(returns.size()) +
                 " trial(s); at least 2 are needed"};
  std::vector<block_sums> trials;
  for (std::size_t i = 0; i < returns.size(); ++i) {
    if (returns[i].size() != returns.front().size())
      return error{"overfitting: trial " + std::to_string(i) + " has " +
                   std::to_string(returns[i].size()) + " returns, trial 0 has " +
                   std::to_string(returns.front().size())};
    auto b = sum_blocks(returns[i], blocks);
    if (!b) return b.error();
    trials.push_back(std::move(*b));
  }
  return backtest_overfitting(trials);
}

result<overfitting_probability> backtest_overfitting(const std::vector<block_sums>& blocks_of) {
  const std::size_t trials = blocks_of.size();
  if (trials < 2)
    return error{"overfitting: " + std::to_string(trials) + " trial(s); at least 2 are needed"};
  const std::size_t s = blocks_of.front().sums.size();
  for (std::size_t i = 1; i < trials; ++i)
    if (blocks_of[i].sizes != blocks_of.front().sizes)
      return error{"overfitting: trial " + std::to_string(i) + " is cut into other blocks"};

  overfitting_probability out;
  out.blocks = static_cast<std::int64_t>(s);
  std::vector<double> in(trials), test(trials);
  std::int64_t overfit = 0;
  for (std::uint32_t mask = 0; mask < (1u << s); ++mask) {
    if (static_cast<std::size_t>(std::popcount(mask)) != s / 2) continue;
    for (std::size_t i = 0; i < trials; ++i) {
      const block_sums& t = blocks_of[i];
      double in_sum = 0, in_sq = 0, test_sum = 0, test_sq = 0;
      std::int64_t in_k = 0, test_k = 0;
      for (std::size_t b = 0; b < s; ++b) {
        const bool training = (mask >> b) & 1u;
        (training ? in_sum : test_sum) += t.sums[b];
        (training ? in_sq : test_sq) += t.squares[b];
        (training ? in_k : test_k) += t.sizes[b];
      }
      in[i] = sharpe_from_sums(in_sum, in_sq, in_k);
      test[i] = sharpe_from_sums(test_sum, test_sq, test_k);
    }
    const std::size_t chosen =
        static_cast<std::size_t>(std::max_element(in.begin(), in.end()) - in.begin());
    // Its rank out of sample, 1..N, ties sharing their average rank.
    double below = 0, level = 0;
    for (double v : test) {
      below += v < test[chosen];
      level += v == test[chosen];
    }
    const double omega = (below + (level + 1) / 2) / static_cast<double>(trials + 1);
    const double logit = std::log(omega / (1 - omega));
    out.logits.push_back(logit);
    overfit += logit <= 0;
  }
  out.probability = static_cast<double>(overfit) / static_cast<double>(out.logits.size());
  return out;
}

}  // namespace strike::core::report
