// The overfitting statistics against the worked example of the deflated-Sharpe paper, exact
// small cases of combinatorially symmetric cross-validation, and a second computation of it
// straight from its definition.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "core/report/overfitting.hpp"

using namespace strike::core::report;

namespace overfitting_cases {

using matrix = std::vector<std::vector<double>>;

matrix noise(std::size_t trials, std::size_t count, std::uint64_t seed, double drift_of_first) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 0.01);
  matrix m(trials, std::vector<double>(count));
  for (std::size_t i = 0; i < trials; ++i)
    for (auto& r : m[i]) r = normal(rng) + (i == 0 ? drift_of_first : 0.0);
  return m;
}

// The definition, spelt out: every choice of half the blocks, Sharpe ratios of the raw slices,
// the in-sample best's out-of-sample rank among all trials.
std::vector<double> logits_by_definition(const matrix& m, int blocks) {
  const std::size_t count = m.front().size(), s = static_cast<std::size_t>(blocks);
  std::vector<int> pick(s, 0);
  std::fill(pick.begin() + blocks / 2, pick.end(), 1);
  std::vector<std::vector<int>> splits;
  do splits.push_back(pick);
  while (std::next_permutation(pick.begin(), pick.end()));
  // In the order the library takes them: by the mask whose bit b says block b trains.
  std::sort(splits.begin(), splits.end(), [](const auto& a, const auto& b) {
    std::uint32_t x = 0, y = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      x |= static_cast<std::uint32_t>(a[i]) << i;
      y |= static_cast<std::uint32_t>(b[i]) << i;
    }
    return x < y;
  });
  std::vector<double> out;
  for (const auto& split : splits) {
    std::vector<double> in, test;
    for (const auto& series : m) {
      std::vector<double> a, b;
      for (std::size_t blk = 0; blk < s; ++blk)
        for (std::size_t t = blk * count / s; t < (blk + 1) * count / s; ++t)
          (split[blk] ? a : b).push_back(series[t]);
      in.push_back(sharpe_ratio(a));
      test.push_back(sharpe_ratio(b));
    }
    const auto best = static_cast<std::size_t>(std::max_element(in.begin(), in.end()) - in.begin());
    double rank = 1;
    for (std::size_t i = 0; i < test.size(); ++i)
      if (i != best) rank += test[i] < test[best] ? 1.0 : test[i] == test[best] ? 0.5 : 0.0;
    const double omega = rank / static_cast<double>(m.size() + 1);
    out.push_back(std::log(omega / (1 - omega)));
  }
  return out;
}

}  // namespace overfitting_cases

using namespace overfitting_cases;

TEST_CASE("the normal quantile inverts the normal distribution to double precision") {
  CHECK(normal_quantile(0.5) == doctest::Approx(0.0).epsilon(1e-15));
  CHECK(normal_quantile(0.975) == doctest::Approx(1.959963984540054).epsilon(1e-14));
  CHECK(normal_quantile(0.01) == doctest::Approx(-2.326347874040841).epsilon(1e-14));
  for (double p : {1e-10, 1e-4, 0.02425, 0.3, 0.7, 0.97575, 1 - 1e-6})
    CHECK(normal_cdf(normal_quantile(p)) == doctest::Approx(p).epsilon(1e-12));
}

TEST_CASE("the deflated Sharpe ratio of the paper's worked example is 0.9004") {
  // Bailey and López de Prado (2014): 100 trials whose annualised Sharpe ratios vary with
  // variance 0.5; the best, 2.5 annualised, from 1,250 daily returns of skewness -3 and
  // kurtosis 10. The expected maximum is 0.1132 a day.
  const double benchmark = expected_max_sharpe(100, 0.5 / 250);
  CHECK(benchmark == doctest::Approx(0.1132).epsilon(5e-4));
  const double best = 2.5 / std::sqrt(250.0);
  CHECK(probabilistic_sharpe(best, benchmark, 1250, -3, 10) ==
        doctest::Approx(0.9004).epsilon(1e-4));
  // With one trial there is nothing to deflate: the benchmark is zero.
  CHECK(expected_max_sharpe(1, 0.5) == 0);
}

TEST_CASE("deflating the best of many trials of noise leaves little confidence in it") {
  const auto m = noise(200, 250, 11, 0.0);
  std::vector<double> sharpes;
  for (const auto& series : m) sharpes.push_back(sharpe_ratio(series));
  const auto best =
      static_cast<std::size_t>(std::max_element(sharpes.begin(), sharpes.end()) - sharpes.begin());
  const auto d = deflate_sharpe(m[best], sharpes);
  CHECK(d.sharpe == doctest::Approx(sharpes[best]));
  CHECK(d.benchmark > 0.1);  // the maximum of 200 draws of noise is far from zero
  CHECK(d.probability < 0.9);
  // The same Sharpe ratio as a single pre-registered trial would look significant.
  CHECK(probabilistic_sharpe(d.sharpe, 0, 250, 0, 3) > 0.99);
}

TEST_CASE("cross-validation: a trial best in one half and worst in the other is overfit") {
  // Two blocks, so two splits. A wins the first block and loses the second, B the reverse;
  // C is middling in both. Whichever half trains, its winner comes last out of sample.
  const matrix m = {{0.02, 0.03, 0.02, -0.02, -0.03, -0.02},
                    {-0.02, -0.03, -0.02, 0.02, 0.03, 0.02},
                    {0.001, 0.002, 0.001, 0.001, 0.002, 0.001}};
  auto r = backtest_overfitting(m, 2);
  REQUIRE(r.ok());
  CHECK(r->probability == 1.0);
  REQUIRE(r->logits.size() == 2);
  CHECK(r->logits[0] == doctest::Approx(std::log(0.25 / 0.75)));  // rank 1 of 3: ω = 1/4

  // A trial best everywhere is never overfit.
  const matrix skill = {{0.03, 0.02, 0.03, 0.02, 0.03, 0.02},
                        {0.01, -0.01, 0.01, -0.01, 0.01, -0.01},
                        {-0.01, 0.01, -0.01, 0.01, -0.01, 0.01}};
  auto s = backtest_overfitting(skill, 2);
  REQUIRE(s.ok());
  CHECK(s->probability == 0.0);
}

TEST_CASE("cross-validation agrees split by split with its definition computed directly") {
  const auto m = noise(12, 240, 5, 0.0005);
  auto r = backtest_overfitting(m, 8);
  REQUIRE(r.ok());
  const auto direct = logits_by_definition(m, 8);
  REQUIRE(r->logits.size() == 70);  // 8 choose 4
  REQUIRE(direct.size() == 70);
  for (std::size_t i = 0; i < direct.size(); ++i) CHECK(r->logits[i] == doctest::Approx(direct[i]));
}

TEST_CASE("noise is overfit about half the time, real skill almost never") {
  auto noisy = backtest_overfitting(noise(50, 800, 3, 0.0), 16);
  REQUIRE(noisy.ok());
  CHECK(noisy->logits.size() == 12870);  // 16 choose 8
  CHECK(noisy->probability > 0.25);
  CHECK(noisy->probability < 0.75);
  auto skilled = backtest_overfitting(noise(50, 800, 3, 0.005), 16);
  REQUIRE(skilled.ok());
  CHECK(skilled->probability < 0.02);
}

TEST_CASE("cross-validation refuses what it cannot split, saying why") {
  CHECK(backtest_overfitting({{0.1, 0.2}}, 2).error().message.find("at least 2") !=
        std::string::npos);
  CHECK(backtest_overfitting({{0.1, 0.2}, {0.1}}, 2).error().message.find("trial 1 has 1") !=
        std::string::npos);
  CHECK(backtest_overfitting({{0.1, 0.2}, {0.1, 0.3}}, 3).error().message.find("even") !=
        std::string::npos);
  CHECK(backtest_overfitting({{0.1, 0.2}, {0.1, 0.3}}, 4).error().message.find("cannot make") !=
        std::string::npos);
}
