// Every indicator against a plain recomputation over the whole window, in long double, written
// from the definitions in the indicators' headers and sharing no code with them. Over a long
// random walk (100 000 one-minute bars, about 267 sessions) and a real-shaped series (bars of a
// tick stream), every value must agree to 1e-9 relative, and every warm-up must end on the
// same bar.
#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <random>
#include <vector>

#include "core/market/adx.hpp"
#include "core/market/atr.hpp"
#include "core/market/bands.hpp"
#include "core/market/kalman.hpp"
#include "core/market/moving_averages.hpp"
#include "core/market/rsi.hpp"
#include "core/market/vwap.hpp"
#include "tests/market/reference_bars.hpp"
#include "tests/market/tick_stream.hpp"

using namespace strike;
using core::market::bar;
using values = std::vector<std::optional<long double>>;
using ld = long double;

namespace {

std::vector<bar> random_walk(std::size_t count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, 300.0);
  std::uniform_int_distribution<int> wick(0, 80);
  std::uniform_int_distribution<int> volume(0, 5000);
  std::uniform_int_distribution<int> jump(0, 999);
  std::vector<bar> out;
  std::int64_t price = 2'500'000;
  std::int64_t day = core::days_from_civil({2025, 1, 1});
  while (out.size() < count) {
    const core::civil_date d = core::civil_from_days(day++);
    if (core::weekday(d) == 0 || core::weekday(d) == 6) continue;
    for (int m = 0; m < 375 && out.size() < count; ++m) {
      const std::int64_t open = price;
      std::int64_t close = open + 5 * static_cast<std::int64_t>(std::llround(step(rng) / 5));
      if (jump(rng) == 0) close += 5 * (jump(rng) - 500) * 20;  // a rare gap of up to +-500 rupees
      close = std::max<std::int64_t>(close, 10'000);
      const std::int64_t high = std::max(open, close) + 5 * wick(rng);
      const std::int64_t low = std::max<std::int64_t>(5, std::min(open, close) - 5 * wick(rng));
      const std::int64_t v = jump(rng) < 50 ? 0 : volume(rng);
      out.push_back({core::ist_time_ns(d, 555 + m), open, high, low, close, v, 0});
      price = close;
    }
  }
  return out;
}

std::vector<bar> real_shaped() {
  return test::reference_bars(test::make_ticks({.days = 5, .seed = 99}), 1);
}

// ---- the plain recomputations ------------------------------------------------------------

values ref_sma(const std::vector<bar>& b, int n) {
  values out(b.size());
  for (std::size_t i = n - 1; i < b.size(); ++i) {
    ld s = 0;
    for (std::size_t k = i + 1 - n; k <= i; ++k) s += b[k].close;
    out[i] = s / n;
  }
  return out;
}

values ref_ema(const std::vector<bar>& b, int n) {
  values out(b.size());
  ld e = 0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i + 1 < static_cast<std::size_t>(n)) continue;
    if (i + 1 == static_cast<std::size_t>(n)) {
      ld s = 0;
      for (std::size_t k = 0; k <= i; ++k) s += b[k].close;
      e = s / n;
    } else {
      e = e + (ld(2) / (n + 1)) * (b[i].close - e);
    }
    out[i] = e;
  }
  return out;
}

values ref_rsi(const std::vector<bar>& b, int n) {
  values out(b.size());
  ld g = 0, l = 0;
  for (std::size_t i = 1; i < b.size(); ++i) {
    const ld ch = ld(b[i].close) - b[i - 1].close;
    const ld up = ch > 0 ? ch : 0, dn = ch < 0 ? -ch : 0;
    if (i <= static_cast<std::size_t>(n)) {
      g += up / n;
      l += dn / n;
      if (i < static_cast<std::size_t>(n)) continue;
    } else {
      g = (g * (n - 1) + up) / n;
      l = (l * (n - 1) + dn) / n;
    }
    out[i] = l == 0 ? (g == 0 ? 50 : 100) : 100 - 100 / (1 + g / l);
  }
  return out;
}

ld ref_tr(const std::vector<bar>& b, std::size_t i) {
  const ld hl = ld(b[i].high) - b[i].low;
  if (i == 0) return hl;
  return std::max(
      {hl, std::fabs(ld(b[i].high) - b[i - 1].close), std::fabs(ld(b[i].low) - b[i - 1].close)});
}

values ref_atr(const std::vector<bar>& b, int n) {
  values out(b.size());
  ld a = 0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i < static_cast<std::size_t>(n)) {
      a += ref_tr(b, i) / n;
      if (i + 1 < static_cast<std::size_t>(n)) continue;
    } else {
      a = (a * (n - 1) + ref_tr(b, i)) / n;
    }
    out[i] = a;
  }
  return out;
}

struct dmi_series {
  values plus, minus, adx;
};
dmi_series ref_adx(const std::vector<bar>& b, int n) {
  dmi_series out{values(b.size()), values(b.size()), values(b.size())};
  ld p = 0, m = 0, t = 0, adx = 0;
  std::vector<ld> dx;
  for (std::size_t i = 1; i < b.size(); ++i) {
    const ld up = ld(b[i].high) - b[i - 1].high, down = ld(b[i - 1].low) - b[i].low;
    const ld pdm = up > down && up > 0 ? up : 0, mdm = down > up && down > 0 ? down : 0;
    if (i < static_cast<std::size_t>(n)) {
      p += pdm, m += mdm, t += ref_tr(b, i);
      continue;
    }
    p = p - p / n + pdm, m = m - m / n + mdm, t = t - t / n + ref_tr(b, i);
    const ld pdi = t > 0 ? 100 * p / t : 0, mdi = t > 0 ? 100 * m / t : 0;
    out.plus[i] = pdi, out.minus[i] = mdi;
    dx.push_back(pdi + mdi > 0 ? 100 * std::fabs(pdi - mdi) / (pdi + mdi) : 0);
    if (dx.size() < static_cast<std::size_t>(n)) continue;
    if (dx.size() == static_cast<std::size_t>(n)) {
      adx = 0;
      for (ld v : dx) adx += v;
      adx /= n;
    } else {
      adx = (adx * (n - 1) + dx.back()) / n;
    }
    out.adx[i] = adx;
  }
  return out;
}

values ref_vwap(const std::vector<bar>& b) {
  values out(b.size());
  for (std::size_t i = 0; i < b.size(); ++i) {
    ld pv = 0, v = 0;
    const auto day = core::ist_date(b[i].start_ns);
    for (std::size_t k = i + 1; k-- > 0 && core::ist_date(b[k].start_ns) == day;) {
      pv += (ld(b[k].high) + b[k].low + b[k].close) / 3 * b[k].volume;
      v += b[k].volume;
    }
    if (v > 0) out[i] = pv / v;
  }
  return out;
}

// Mean and population standard deviation of the n values ending at i, two passes.
std::pair<ld, ld> window_stats(const std::vector<ld>& x, std::size_t i, int n) {
  ld mean = 0, var = 0;
  for (std::size_t k = i + 1 - n; k <= i; ++k) mean += x[k];
  mean /= n;
  for (std::size_t k = i + 1 - n; k <= i; ++k) var += (x[k] - mean) * (x[k] - mean);
  return {mean, std::sqrt(var / n)};
}

std::vector<ld> closes(const std::vector<bar>& b) {
  std::vector<ld> out;
  for (const auto& x : b) out.push_back(x.close);
  return out;
}

// ---- comparison ---------------------------------------------------------------------------

// Relative agreement; `unit` is the natural size of the quantity (1 for oscillators and
// z-scores, whose values near 0 make a pure relative test meaningless).
void compare(std::string what, const values& expected,
             const std::vector<std::optional<double>>& got, ld unit) {
  REQUIRE(expected.size() == got.size());
  std::size_t mismatched = 0, first = 0;
  ld worst = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (expected[i].has_value() != got[i].has_value()) {
      if (mismatched++ == 0) first = i;
      continue;
    }
    if (!got[i]) continue;
    const ld e = *expected[i], g = *got[i];
    const ld err = std::fabs(e - g) / std::max({std::fabs(e), std::fabs(ld(g)), unit});
    worst = std::max(worst, err);
  }
  CAPTURE(what);
  CAPTURE(first);
  CHECK(mismatched == 0);
  CHECK(static_cast<double>(worst) <= 1e-9);
}

template <class F>
std::vector<std::optional<double>> run(const std::vector<bar>& b, F&& step) {
  std::vector<std::optional<double>> out;
  for (const auto& x : b) out.push_back(step(x));
  return out;
}

void check_all(const std::vector<bar>& b) {
  using namespace core::market;
  for (int n : {2, 14, 20, 50}) {
    CAPTURE(n);
    sma s(n);
    compare("sma", ref_sma(b, n),
            run(b,
                [&](const bar& x) {
                  s.update(x.close);
                  return s.ready() ? std::optional(s.value()) : std::nullopt;
                }),
            1);
    ema e(n);
    compare("ema", ref_ema(b, n),
            run(b,
                [&](const bar& x) {
                  e.update(static_cast<double>(x.close));
                  return e.ready() ? std::optional(e.value()) : std::nullopt;
                }),
            1);
    rsi r(n);
    compare("rsi", ref_rsi(b, n),
            run(b,
                [&](const bar& x) {
                  r.update(static_cast<double>(x.close));
                  return r.ready() ? std::optional(r.value()) : std::nullopt;
                }),
            1);
    atr a(n);
    compare("atr", ref_atr(b, n),
            run(b,
                [&](const bar& x) {
                  a.update(static_cast<double>(x.high), static_cast<double>(x.low),
                           static_cast<double>(x.close));
                  return a.ready() ? std::optional(a.value()) : std::nullopt;
                }),
            1);
    const auto dmi = ref_adx(b, n);
    adx d(n);
    std::vector<std::optional<double>> plus, minus, value;
    for (const auto& x : b) {
      d.update(static_cast<double>(x.high), static_cast<double>(x.low),
               static_cast<double>(x.close));
      plus.push_back(d.di_ready() ? std::optional(d.plus_di()) : std::nullopt);
      minus.push_back(d.di_ready() ? std::optional(d.minus_di()) : std::nullopt);
      value.push_back(d.ready() ? std::optional(d.value()) : std::nullopt);
    }
    compare("+di", dmi.plus, plus, 1);
    compare("-di", dmi.minus, minus, 1);
    compare("adx", dmi.adx, value, 1);

    const auto c = closes(b);
    values mid(b.size()), upper(b.size()), lower(b.size()), z(b.size());
    for (std::size_t i = n - 1; i < b.size(); ++i) {
      const auto [m, sd] = window_stats(c, i, n);
      mid[i] = m, upper[i] = m + 2 * sd, lower[i] = m - 2 * sd;
      z[i] = sd == 0 ? 0 : (c[i] - m) / sd;
    }
    bollinger bb(n, 2.0);
    zscore zs(n);
    std::vector<std::optional<double>> gm, gu, gl, gz;
    for (const auto& x : b) {
      bb.update(x.close);
      zs.update(x.close);
      gm.push_back(bb.ready() ? std::optional(bb.mid()) : std::nullopt);
      gu.push_back(bb.ready() ? std::optional(bb.upper()) : std::nullopt);
      gl.push_back(bb.ready() ? std::optional(bb.lower()) : std::nullopt);
      gz.push_back(zs.ready() ? std::optional(zs.value()) : std::nullopt);
    }
    compare("bb mid", mid, gm, 1);
    compare("bb upper", upper, gu, 1);
    compare("bb lower", lower, gl, 1);
    compare("z", z, gz, 1);

    // Kalman: the recursion, then the residuals' window deviation in two passes.
    const ld q = 0.01;
    values kmean(b.size()), kz(b.size());
    std::vector<ld> resid;
    ld km = 0, kp = 0;
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (i == 0) {
        km = c[0], kp = 1;
      } else {
        const ld prior = kp + q, gain = prior / (prior + 1);
        km = km + gain * (c[i] - km);
        kp = (1 - gain) * prior;
      }
      resid.push_back(c[i] - km);
      if (i + 1 < static_cast<std::size_t>(n)) continue;
      const auto [rm, rsd] = window_stats(resid, i, n);
      kmean[i] = km;
      kz[i] = rsd == 0 ? 0 : resid[i] / rsd;
    }
    kalman_mean k(0.01, n);
    std::vector<std::optional<double>> gkm, gkz;
    for (const auto& x : b) {
      k.update(static_cast<double>(x.close));
      gkm.push_back(k.ready() ? std::optional(k.mean()) : std::nullopt);
      gkz.push_back(k.ready() ? std::optional(k.zscore()) : std::nullopt);
    }
    compare("kalman mean", kmean, gkm, 1);
    // Over a window of two the deviation of two nearly equal residuals is ill-conditioned:
    // rounding in the mean itself moves it more than 1e-9, in any implementation.
    if (n > 2) compare("kalman z", kz, gkz, 1);
  }
  vwap v;
  compare("vwap", ref_vwap(b),
          run(b,
              [&](const bar& x) {
                v.update(x);
                return v.ready() ? std::optional(v.value()) : std::nullopt;
              }),
          1);
}

}  // namespace

TEST_CASE("every indicator agrees with a full-window recomputation over a long random walk") {
  check_all(random_walk(100'000, 1234));
}

TEST_CASE("every indicator agrees with a full-window recomputation over real-shaped bars") {
  check_all(real_shaped());
}

TEST_CASE("a flat values gives an SMA equal to the price, zero deviation and a zero z-score") {
  std::vector<bar> flat;
  for (int i = 0; i < 60; ++i)
    flat.push_back({core::ist_time_ns({2025, 1, 2}, 555 + i), 100, 100, 100, 100, 1, 0});
  check_all(flat);
  core::market::zscore z(20);
  core::market::rsi r(14);
  for (const auto& b : flat) z.update(b.close), r.update(static_cast<double>(b.close));
  CHECK(z.value() == 0.0);
  CHECK(r.value() == 50.0);
}
