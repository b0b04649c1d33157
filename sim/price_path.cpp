#include "sim/price_path.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "core/clock.hpp"
#include "sim/sim_random.hpp"

namespace strike::sim {
namespace {

// Stream tags keep the draws of different uses independent.
enum : std::uint64_t { tag_vix_day = 1, tag_index_day = 2, tag_gap = 3, tag_intraday = 4 };

std::int64_t weekdays_before(std::int64_t days_since_epoch) {
  // Day 0 (1970-01-01) was a Thursday; count from the Monday before it.
  const std::int64_t x = days_since_epoch + 3;
  const std::int64_t weeks = x >= 0 ? x / 7 : -((-x + 6) / 7);
  const std::int64_t rem = x - weeks * 7;
  return weeks * 5 + std::min<std::int64_t>(rem, 5);
}

}  // namespace

const char* series_name(series s) {
  switch (s) {
    case series::nifty:
      return "NIFTY";
    case series::banknifty:
      return "BANKNIFTY";
    case series::vix:
      return "INDIAVIX";
  }
  return "?";
}

bool is_trading_day(core::civil_date d) {
  const int w = core::weekday(d);
  return w != 0 && w != 6;
}

core::civil_date trading_day_at_or_before(core::civil_date d) {
  while (!is_trading_day(d)) d = core::civil_from_days(core::days_from_civil(d) - 1);
  return d;
}

std::int64_t session_open_ns(core::civil_date d) {
  return core::ist_time_ns(d, session_open_minute);
}
std::int64_t session_close_ns(core::civil_date d) {
  return core::ist_time_ns(d, session_close_minute);
}

bool in_session(std::int64_t t) {
  const auto d = core::ist_date(t);
  return is_trading_day(d) && t >= session_open_ns(d) && t < session_close_ns(d);
}

std::int64_t next_session_open(std::int64_t t) {
  auto d = core::ist_date(t);
  if (is_trading_day(d) && t <= session_open_ns(d)) return session_open_ns(d);
  std::int64_t days = core::days_from_civil(d);
  do {
    ++days;
  } while (!is_trading_day(core::civil_from_days(days)));
  return session_open_ns(core::civil_from_days(days));
}

double scenario::factor_at(std::int64_t t) const {
  if (t < start_ns) return 1.0;
  const double e = static_cast<double>(t - start_ns) / static_cast<double>(core::ns_per_s);
  const double ramp = static_cast<double>(std::max<std::int64_t>(ramp_s, 1));
  const double hold = static_cast<double>(hold_s);
  double f;
  if (e < ramp) {
    f = change_pct * e / ramp;
  } else if (e < ramp + hold || revert_s <= 0) {
    f = change_pct;
  } else {
    const double back = (e - ramp - hold) / static_cast<double>(revert_s);
    f = back >= 1 ? 0 : change_pct * (1 - back);
  }
  return 1.0 + f / 100.0;
}

price_path::price_path(std::uint64_t seed, core::civil_date anchor,
                       std::array<double, series_count> anchor_open)
    : seed_(seed), anchor_days_(core::days_from_civil(anchor)), anchor_open_(anchor_open) {
  for (int i = 0; i < 2; ++i) forward_open_[i].push_back(anchor_open_[i]);
}

void price_path::set_holidays(std::vector<core::civil_date> days) {
  std::sort(days.begin(), days.end());
  holidays_ = std::move(days);
}

bool price_path::is_session_day(core::civil_date d) const {
  return is_trading_day(d) && !std::binary_search(holidays_.begin(), holidays_.end(), d);
}

bool price_path::in_session(std::int64_t t) const {
  const auto d = core::ist_date(t);
  return is_session_day(d) && t >= session_open_ns(d) && t < session_close_ns(d);
}

std::int64_t price_path::next_session_open(std::int64_t t) const {
  auto d = core::ist_date(t);
  if (is_session_day(d) && t <= session_open_ns(d)) return session_open_ns(d);
  std::int64_t days = core::days_from_civil(d);
  do {
    ++days;
  } while (!is_session_day(core::civil_from_days(days)));
  return session_open_ns(core::civil_from_days(days));
}

core::civil_date price_path::previous_session_day(core::civil_date d) const {
  std::int64_t days = core::days_from_civil(d);
  do {
    --days;
  } while (!is_session_day(core::civil_from_days(days)));
  return core::civil_from_days(days);
}

std::int64_t price_path::trading_index(core::civil_date d) const {
  return weekdays_before(core::days_from_civil(d)) - weekdays_before(anchor_days_);
}

double price_path::vix_open(std::int64_t n) const {
  // A moving average of daily shocks: stationary around the anchor, equal to it on day 0.
  auto w = [&](std::int64_t k) {
    auto z = [&](std::int64_t j) {
      return standard_normal(hash_words(seed_, tag_vix_day, static_cast<std::uint64_t>(j)));
    };
    return (z(k) + 0.8 * z(k - 1) + 0.6 * z(k - 2) + 0.4 * z(k - 3)) / 1.47;
  };
  return anchor_open_[2] * std::exp(0.12 * (w(n) - w(0)));
}

double price_path::day_sigma(std::int64_t n) const {
  return vix_open(n) / 100.0 / std::sqrt(252.0);
}

namespace {
double index_shock(std::uint64_t seed, series s, std::uint64_t tag, std::int64_t n,
                   std::int64_t k = 0) {
  const double zn = standard_normal(
      hash_words(seed, tag, static_cast<std::uint64_t>(n), static_cast<std::uint64_t>(k) * 4));
  if (s == series::nifty) return zn;
  const double zo = standard_normal(
      hash_words(seed, tag, static_cast<std::uint64_t>(n), static_cast<std::uint64_t>(k) * 4 + 1));
  if (s == series::banknifty) return 0.8 * zn + 0.6 * zo;
  return -0.5 * zn + 0.866 * zo;  // VIX moves against the index
}
}  // namespace

double price_path::index_open(series s, std::int64_t n) {
  const int i = static_cast<int>(s);
  const double scale = s == series::banknifty ? 1.2 : 1.0;
  auto day_return = [&](std::int64_t k) {
    return scale * day_sigma(k) * index_shock(seed_, s, tag_index_day, k);
  };
  auto gap = [&](std::int64_t k) {
    return 0.3 * scale * day_sigma(k) * index_shock(seed_, s, tag_gap, k);
  };
  if (n >= 0) {
    auto& v = forward_open_[i];
    while (static_cast<std::int64_t>(v.size()) <= n) {
      const std::int64_t k = static_cast<std::int64_t>(v.size()) - 1;
      v.push_back(v.back() * std::exp(day_return(k)) * std::exp(gap(k + 1)));
    }
    return v[static_cast<std::size_t>(n)];
  }
  auto& v = backward_open_[i];
  while (static_cast<std::int64_t>(v.size()) < -n) {
    const std::int64_t k = -static_cast<std::int64_t>(v.size()) - 1;  // the day being added
    const double next_open = v.empty() ? anchor_open_[i] : v.back();
    v.push_back(next_open / std::exp(gap(k + 1)) / std::exp(day_return(k)));
  }
  return v[static_cast<std::size_t>(-n - 1)];
}

double price_path::day_close(series s, std::int64_t n) {
  if (s == series::vix) return vix_open(n + 1);
  const double scale = s == series::banknifty ? 1.2 : 1.0;
  return index_open(s, n) *
         std::exp(scale * day_sigma(n) * index_shock(seed_, s, tag_index_day, n));
}

std::vector<double> price_path::build_day(series s, std::int64_t n) {
  const double open = s == series::vix ? vix_open(n) : index_open(s, n);
  const double close = day_close(s, n);
  const double sigma_day =
      s == series::vix ? 0.06 : (s == series::banknifty ? 1.2 : 1.0) * day_sigma(n);
  const double step_sigma = sigma_day / std::sqrt(static_cast<double>(session_seconds));
  std::vector<double> w(session_seconds + 1, 0.0);
  for (int k = 1; k <= session_seconds; ++k)
    w[k] = w[k - 1] + step_sigma * index_shock(seed_, s, tag_intraday, n, k);
  const double target = std::log(close / open);
  std::vector<double> levels(session_seconds + 1);
  for (int k = 0; k <= session_seconds; ++k) {
    const double frac = static_cast<double>(k) / session_seconds;
    levels[k] = open * std::exp(w[k] - frac * (w[session_seconds] - target));
  }
  return levels;
}

const std::vector<double>& price_path::day_levels(series s, core::civil_date d) {
  assert(is_trading_day(d));
  const std::int64_t n = trading_index(d);
  for (auto it = cache_.begin(); it != cache_.end(); ++it) {
    if (it->s == s && it->n == n) {
      cache_.splice(cache_.begin(), cache_, it);
      return cache_.front().levels;
    }
  }
  cache_.push_front(cached_day{s, n, build_day(s, n)});
  if (cache_.size() > cache_limit) cache_.pop_back();
  return cache_.front().levels;
}

double price_path::overlay(series s, std::int64_t t) const {
  double f = 1.0;
  for (const auto& sc : scenarios_)
    if (sc.target == s) f *= sc.factor_at(t);
  return f;
}

double price_path::level(series s, std::int64_t t) {
  auto d = core::ist_date(t);
  double raw;
  if (!is_session_day(d) || t < session_open_ns(d)) {
    raw = day_close(s, trading_index(previous_session_day(d)));
  } else if (t >= session_close_ns(d)) {
    raw = day_close(s, trading_index(d));
  } else {
    const auto k = (t - session_open_ns(d)) / core::ns_per_s;
    raw = day_levels(s, d)[static_cast<std::size_t>(k)];
  }
  return raw * overlay(s, t);
}

double price_path::open_level(series s, core::civil_date d) {
  assert(is_trading_day(d));
  // A day's path starts at its open exactly (build_day: open * exp(0)).
  const std::int64_t n = trading_index(d);
  return (s == series::vix ? vix_open(n) : index_open(s, n)) * overlay(s, session_open_ns(d));
}

double price_path::previous_close(series s, std::int64_t t) {
  auto d = core::ist_date(t);
  const bool session_started = is_session_day(d) && t >= session_open_ns(d);
  const auto current = session_started ? d : previous_session_day(d);
  return day_close(s, trading_index(previous_session_day(current)));
}

ohlc price_path::session_so_far(series s, core::civil_date d, std::int64_t t) {
  const auto& levels = day_levels(s, d);
  const std::int64_t open_ns = session_open_ns(d);
  std::int64_t last = t <= open_ns ? 0 : (t - open_ns) / core::ns_per_s;
  last = std::min<std::int64_t>(last, session_seconds);
  ohlc r{levels[0], levels[0], levels[0], levels[0]};
  for (std::int64_t k = 0; k <= last; ++k) {
    r.high = std::max(r.high, levels[static_cast<std::size_t>(k)]);
    r.low = std::min(r.low, levels[static_cast<std::size_t>(k)]);
  }
  const double f = overlay(s, t);
  r.close = levels[static_cast<std::size_t>(last)] * f;
  r.high = std::max(r.high, r.close);
  r.low = std::min(r.low, r.close);
  return r;
}

}  // namespace strike::sim
