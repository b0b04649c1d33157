#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "core/strategies/ma_crossover/crossover_tracker.hpp"

using strike::core::strategies::crossing;
using strike::core::strategies::crossover_tracker;

namespace {

// Feeds prices and lists what each one gave.
std::vector<crossing> feed(crossover_tracker& t, const std::vector<std::int64_t>& prices) {
  std::vector<crossing> out;
  for (auto p : prices) out.push_back(t.update(p));
  return out;
}

constexpr crossing none = crossing::none, up = crossing::up, down = crossing::down;

}  // namespace

TEST_CASE("no side until the slow average has its bars, and the first side is not a crossing") {
  crossover_tracker t(1, 3);
  CHECK(feed(t, {100, 100}) == std::vector{none, none});
  CHECK_FALSE(t.ready());
  CHECK(t.side() == 0);
  CHECK(t.update(130) == none);  // SMA(1) 130 over SMA(3) 110: above, but nothing crossed
  CHECK(t.ready());
  CHECK(t.side() == 1);
}

TEST_CASE("the fast average falling through the slow one is a downward crossing, then up again") {
  crossover_tracker t(1, 3);
  // SMA(3) after each: -, -, 110, 110, 80, 70, 103.3.
  CHECK(feed(t, {100, 100, 130, 100, 10, 100, 200}) ==
        std::vector{none, none, none, down, none, up, none});
  CHECK(t.fast_average() == 200.0);
  CHECK(t.slow_average() == doctest::Approx(103.333).epsilon(0.001));
}

TEST_CASE("a tie keeps the side: touching the slow average and turning back is no crossing") {
  crossover_tracker t(1, 2);
  // SMA(1) against SMA(2): -, above, tie, tie, above.
  CHECK(feed(t, {90, 110, 110, 110, 120}) == std::vector{none, none, none, none, none});
  CHECK(t.side() == 1);
}

TEST_CASE("a tie then the other side is one crossing") {
  crossover_tracker t(1, 2);
  CHECK(feed(t, {90, 110, 110, 100}) == std::vector{none, none, none, down});
  CHECK(t.side() == -1);
}

TEST_CASE("the averages are exact over a long run: the same crossings as recomputing every bar") {
  std::mt19937_64 rng(3);
  std::uniform_int_distribution<int> step(-60, 60);
  const int fast = 7, slow = 23;
  crossover_tracker t(fast, slow);
  std::vector<std::int64_t> prices;
  std::int64_t price = 2'500'000;
  int side = 0, crossings = 0, tracked = 0;
  for (int i = 0; i < 20'000; ++i) {
    price += 5 * step(rng);
    prices.push_back(price);
    const crossing c = t.update(price);
    tracked += c != none;
    if (i + 1 < slow) continue;
    std::int64_t fast_sum = 0, slow_sum = 0;
    for (int k = 0; k < slow; ++k) {
      const std::int64_t p = prices[prices.size() - 1 - static_cast<std::size_t>(k)];
      slow_sum += p;
      if (k < fast) fast_sum += p;
    }
    const int now = fast_sum * slow > slow_sum * fast   ? 1
                    : fast_sum * slow < slow_sum * fast ? -1
                                                        : 0;
    if (now != 0 && side != 0 && now != side) {
      ++crossings;
      CHECK(c == (now > 0 ? up : down));
    }
    if (now != 0) side = now;
    CHECK(t.side() == side);
  }
  CHECK(crossings > 500);
  CHECK(tracked == crossings);
}
