// How much of an optimisation's best result is luck: the deflated Sharpe ratio of the best
// trial (Bailey and López de Prado, "The Deflated Sharpe Ratio", 2014) and the probability of
// backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein, López de
// Prado and Zhu, "The Probability of Backtest Overfitting", 2015).
//
// Sharpe ratios here are per observation (a day's), not annualised: the formulas are in the
// units of the returns they are given.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/result.hpp"

namespace strike::core::report {

// Φ and Φ⁻¹ of the standard normal distribution; the quantile is exact to double precision.
double normal_cdf(double x);
double normal_quantile(double p);

struct return_moments {
  std::int64_t count = 0;
  double mean = 0;
  double stdev = 0;     // sample (n − 1)
  double skewness = 0;  // 0 for a normal distribution
  double kurtosis = 3;  // not excess: 3 for a normal distribution
};
return_moments moments(std::span<const double> returns);

// Mean over sample standard deviation; 0 for a flat series, ±infinity for a constant non-zero
// one.
double sharpe_ratio(std::span<const double> returns);

// The Sharpe ratio the best of `trials` strategies without skill is expected to show, when
// their Sharpe ratios vary across trials with variance `variance`.
double expected_max_sharpe(std::int64_t trials, double variance);

// The probability that the true Sharpe ratio exceeds `benchmark`, given one estimated as `sr`
// from `count` returns of that skewness and (non-excess) kurtosis.
double probabilistic_sharpe(double sr, double benchmark, std::int64_t count, double skewness,
                            double kurtosis);

struct deflated_sharpe {
  double sharpe = 0;       // the best trial's
  double benchmark = 0;    // expected_max_sharpe of the trials
  double probability = 0;  // PSR against the benchmark: the deflated Sharpe ratio
};
// best: the chosen trial's returns; trial_sharpes: every trial's Sharpe ratio (the best's too).
deflated_sharpe deflate_sharpe(std::span<const double> best, std::span<const double> trial_sharpes);

struct overfitting_probability {
  double probability = 0;      // share of splits whose in-sample best ranks at or below the
                               // out-of-sample median
  std::vector<double> logits;  // per split, ln(ω / (1 − ω)) of that best's out-of-sample rank
  std::int64_t blocks = 0;
};
// returns[trial][t]: every trial's returns over the same observations. The observations are cut
// into `blocks` consecutive blocks (even, at least 2, no more than there are observations); each
// half of the blocks in turn is the training set, the rest the test set, and the trial with the
// best in-sample Sharpe ratio is ranked among all trials out of sample.
result<overfitting_probability> backtest_overfitting(
    const std::vector<std::vector<double>>& returns, int blocks = 16);

// What the cross-validation needs of one trial: the sum and the sum of squares of its returns
// in each block. An optimiser keeps these instead of every trial's returns.
struct block_sums {
  std::vector<double> sums, squares;
  std::vector<std::int64_t> sizes;
};
// Fails when the returns are fewer than the blocks or blocks is not even, 2..24.
result<block_sums> sum_blocks(std::span<const double> returns, int blocks);
// The same as above, from every trial's block sums (all cut alike).
result<overfitting_probability> backtest_overfitting(const std::vector<block_sums>& trials);

}  // namespace strike::core::report
