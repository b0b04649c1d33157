#include "core/market/instrument_bars.hpp"

#include <algorithm>
#include <cassert>

#include "core/market/bar_checks.hpp"
#include "core/market/bar_merger.hpp"

namespace strike::core::market {
namespace ev = strike::events;

namespace {

constexpr std::array<ev::timeframe, 4> coarse_timeframes{ev::timeframe::m5, ev::timeframe::m15,
                                                         ev::timeframe::h1, ev::timeframe::d1};
constexpr std::int64_t minute = ns_per_minute;
constexpr std::int64_t never = std::numeric_limits<std::int64_t>::max();

bool before_start(const bar& b, std::int64_t t) {
  return b.start_ns < t;
}

}  // namespace

instrument_bars::instrument_bars(std::string instrument, bar_grid grid, std::int64_t started_ns,
                                 repair_options options)
    : name_(std::move(instrument)),
      grid_(grid),
      started_ns_(started_ns),
      options_(options),
      minutes_(bar_period::of_minutes(1), grid) {
  day_bars_.reserve(static_cast<std::size_t>(grid_.close_minute() - grid_.open_minute()) + 1);
}

std::int64_t instrument_bars::day_open() const {
  return grid_.open_ns(civil_from_days(day_));
}
std::int64_t instrument_bars::day_close() const {
  return grid_.close_ns(civil_from_days(day_));
}

void instrument_bars::start_day(std::int64_t day) {
  day_ = day;
  day_bars_.clear();
  released_until_ = std::numeric_limits<std::int64_t>::min();
  last_seen_.reset();
  trailing_checked_ = false;
  coarse_next_.fill(day_open());
}

void instrument_bars::seed(std::span<const bar> today_1m,
                           const std::array<std::optional<std::int64_t>, 4>& last_coarse) {
  if (today_1m.empty()) return;
  start_day(days_from_civil(ist_date(today_1m.front().start_ns)));
  day_bars_.assign(today_1m.begin(), today_1m.end());
  released_until_ = day_bars_.back().start_ns + 1;
  last_seen_ = day_bars_.back().start_ns;
  minutes_.mark_closed_until(day_bars_.back().start_ns + minute);
  for (std::size_t i = 0; i < coarse_timeframes.size(); ++i) {
    if (!last_coarse[i]) continue;
    if (auto w = grid_.window_starting(bar_period::of(coarse_timeframes[i]), *last_coarse[i]))
      coarse_next_[i] = std::max(coarse_next_[i], w->end_ns);
  }
}

tick_outcome instrument_bars::on_tick(const tick& t, bar_output& out) {
  const std::optional<std::int64_t> before =
      minutes_.open_bar() ? std::optional(minutes_.open_bar()->start_ns) : std::nullopt;
  tick_outcome r = minutes_.on_tick(t);
  if (!r.rejected.empty()) return r;
  frontier_ = std::max(frontier_, t.ts_ns);
  if (r.closed) close_minute(*r.closed);
  const auto& open = minutes_.open_bar();
  const bool new_window = open && (!before || *before != open->start_ns);
  if (new_window) {
    const std::int64_t day = days_from_civil(ist_date(open->start_ns));
    if (day != day_) {
      // Yesterday cannot wait any longer: what is still open there is given up and released.
      while (!repairs_.empty()) give_up(0, "a new session began", out);
      release(out);
      start_day(day);
    }
    on_new_window(open->start_ns, out);
  }
  // Bars can only become ready when a minute closes or a new one opens.
  if (r.closed || new_window) release(out);
  return r;
}

void instrument_bars::on_new_window(std::int64_t start, bar_output& out) {
  const std::int64_t expected = last_seen_ ? *last_seen_ + minute : day_open();
  last_seen_ = start;
  awaiting_first_window_ = false;
  if (feed_down_since_) return;  // the outage's own repair covers this
  // A window that began before we were watching has lost its first ticks.
  const std::int64_t to = start < started_ns_ ? start : start - minute;
  if (to >= expected) add_repair(expected, to, out);
}

void instrument_bars::close_minute(const bar& b) {
  auto at = std::lower_bound(day_bars_.begin(), day_bars_.end(), b.start_ns, before_start);
  if (at != day_bars_.end() && at->start_ns == b.start_ns)
    *at = b;
  else
    day_bars_.insert(at, b);
}

void instrument_bars::add_repair(std::int64_t from, std::int64_t to, bar_output& out) {
  // Only the parts no open repair covers yet.
  std::vector<std::pair<std::int64_t, std::int64_t>> pieces{{from, to}};
  for (const auto& r : repairs_) {
    std::vector<std::pair<std::int64_t, std::int64_t>> next;
    for (auto [a, b] : pieces) {
      if (b < r.from || a > r.to) {
        next.emplace_back(a, b);
        continue;
      }
      if (a < r.from) next.emplace_back(a, r.from - minute);
      if (b > r.to) next.emplace_back(r.to + minute, b);
    }
    pieces.swap(next);
  }
  for (auto [a, b] : pieces) {
    repair r;
    r.id = next_id_++;
    r.from = a;
    r.to = b;
    r.deadline = b + minute + options_.give_up_after_ns;
    std::int64_t present = 0;
    for (auto it = std::lower_bound(day_bars_.begin(), day_bars_.end(), a, before_start);
         it != day_bars_.end() && it->start_ns <= b; ++it)
      ++present;
    const std::int64_t missing = (b - a) / minute + 1 - present;
    out.add(ev::bar_gap_detected{name_, ev::timeframe::m1, a, b, missing});
    repairs_.push_back(r);
  }
}

void instrument_bars::check_trailing_gap(bar_output& out) {
  trailing_checked_ = true;
  awaiting_first_window_ = false;
  if (!last_seen_ || feed_down_since_) return;
  const std::int64_t last_window = day_close() - minute;
  if (*last_seen_ < last_window) add_repair(*last_seen_ + minute, last_window, out);
}

void instrument_bars::set_feed_down(std::int64_t since_ns) {
  if (!feed_down_since_) feed_down_since_ = since_ns;
}

void instrument_bars::set_feed_up(std::int64_t at_ns, bar_output& out) {
  if (!feed_down_since_) return;
  const std::int64_t since = *feed_down_since_;
  feed_down_since_.reset();
  if (day_ == std::numeric_limits<std::int64_t>::min()) return;
  // The outage within today's session, by whole 1m windows (both ends are incomplete).
  const std::int64_t from =
      std::max(day_open(), day_open() + (since - day_open()) / minute * minute);
  const std::int64_t to =
      std::min(day_close() - minute, day_open() + (at_ns - day_open()) / minute * minute);
  if (since < day_close() && at_ns >= day_open() && from <= to) add_repair(from, to, out);
  release(out);
}

std::int64_t instrument_bars::blocked_from() const {
  std::int64_t block = never;
  for (const auto& r : repairs_) block = std::min(block, r.from);
  if (day_ == std::numeric_limits<std::int64_t>::min()) return block;
  if (feed_down_since_)
    block = std::min(block, std::max(day_open(), day_open() + (*feed_down_since_ - day_open()) /
                                                                  minute * minute));
  if (awaiting_first_window_) {
    const std::int64_t unknown_from = last_seen_ ? *last_seen_ + minute : day_open();
    if (started_ns_ > unknown_from) block = std::min(block, unknown_from);
  }
  // A minute that ended without a tick is a gap found only when the next window opens (or at
  // the close, which repairs whatever is missing): until then a coarse window over it would go
  // out short of that minute.
  if (last_seen_ && !trailing_checked_ && frontier_ >= *last_seen_ + 2 * minute)
    block = std::min(block, *last_seen_ + minute);
  return block;
}

void instrument_bars::release(bar_output& out) {
  if (day_ == std::numeric_limits<std::int64_t>::min()) return;
  const std::int64_t block = blocked_from();
  auto it = std::lower_bound(day_bars_.begin(), day_bars_.end(), released_until_, before_start);
  for (; it != day_bars_.end() && it->start_ns < block; ++it) {
    out.bars.push_back({ev::timeframe::m1, *it});
    released_until_ = it->start_ns + 1;
  }
  for (std::size_t i = 0; i < coarse_timeframes.size(); ++i) {
    const bar_period period = bar_period::of(coarse_timeframes[i]);
    while (coarse_next_[i] < day_close()) {
      const auto w = grid_.window_starting(period, coarse_next_[i]);
      assert(w);
      if (w->end_ns > frontier_ || w->end_ns > block) break;
      const auto lo =
          std::lower_bound(day_bars_.begin(), day_bars_.end(), w->start_ns, before_start);
      const auto hi = std::lower_bound(lo, day_bars_.end(), w->end_ns, before_start);
      if (lo != hi)
        out.bars.push_back({coarse_timeframes[i], aggregate(w->start_ns, std::span(lo, hi))});
      coarse_next_[i] = w->end_ns;
    }
  }
}

void instrument_bars::on_time(std::int64_t now_ns, bar_output& out) {
  if (auto closed = minutes_.on_time(now_ns)) close_minute(*closed);
  frontier_ = std::max(frontier_, now_ns);
  if (day_ != std::numeric_limits<std::int64_t>::min() && !trailing_checked_ &&
      now_ns >= day_close())
    check_trailing_gap(out);
  for (std::size_t i = 0; i < repairs_.size();) {
    if (now_ns >= repairs_[i].deadline)
      give_up(i, "no usable answer by the deadline", out);
    else
      ++i;
  }
  release(out);
}

void instrument_bars::due_requests(std::int64_t now_ns, std::vector<candle_request>& out) {
  for (auto& r : repairs_) {
    if (r.in_flight || now_ns < r.next_try || now_ns < r.to + minute + options_.backfill_delay_ns)
      continue;
    r.in_flight = true;
    ++r.attempts;
    out.push_back({r.id, name_, ev::timeframe::m1, r.from, r.to});
  }
}

void instrument_bars::on_candles(std::uint64_t id, const candle_reply& reply, std::int64_t now_ns,
                                 bar_output& out) {
  auto it =
      std::find_if(repairs_.begin(), repairs_.end(), [&](const repair& r) { return r.id == id; });
  if (it == repairs_.end()) return;
  const auto index = static_cast<std::size_t>(it - repairs_.begin());
  it->in_flight = false;
  if (!reply.ok()) {
    if (it->attempts >= options_.max_attempts)
      give_up(index,
              "backfill failed " + std::to_string(it->attempts) +
                  " times, last: " + reply.error().message,
              out);
    else
      it->next_try = now_ns + options_.retry_delay_ns;
  } else {
    fill(index, *reply, out);
  }
  release(out);
}

void instrument_bars::give_up(std::size_t index, const std::string& why, bar_output& out) {
  const repair r = repairs_[index];
  repairs_.erase(repairs_.begin() + static_cast<std::ptrdiff_t>(index));
  out.add(ev::market_data_rejected{
      "backfill", name_, "backfill_failed",
      "1m bars " + format_ist(r.from) + " to " + format_ist(r.to) + " not repaired: " + why, 1});
}

void instrument_bars::fill(std::size_t index, std::span<const bar> candles, bar_output& out) {
  const repair r = repairs_[index];
  repairs_.erase(repairs_.begin() + static_cast<std::ptrdiff_t>(index));
  std::vector<bar> good;
  std::int64_t bad = 0;
  std::string first_problem;
  auto reject = [&](std::string why) {
    if (bad++ == 0) first_problem = std::move(why);
  };
  for (const bar& c : candles) {
    if (c.start_ns < r.from || c.start_ns > r.to ||
        !grid_.window_starting(bar_period::of_minutes(1), c.start_ns))
      reject("candle at " + format_ist(c.start_ns) + " is not a 1m window of the requested range");
    else if (const bar_fault f = check_bar(c); f != bar_fault::none)
      reject("candle at " + format_ist(c.start_ns) + ": " + describe(f, c));
    else
      good.push_back(c);
  }
  std::stable_sort(good.begin(), good.end(),
                   [](const bar& a, const bar& b) { return a.start_ns < b.start_ns; });
  for (std::size_t i = 1; i < good.size();) {
    if (good[i].start_ns == good[i - 1].start_ns) {
      reject("two candles at " + format_ist(good[i].start_ns));
      good.erase(good.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      ++i;
    }
  }
  // The candles replace whatever the ticks made in the range.
  auto lo = std::lower_bound(day_bars_.begin(), day_bars_.end(), r.from, before_start);
  auto hi = std::lower_bound(lo, day_bars_.end(), r.to + 1, before_start);
  const std::int64_t carried_oi = lo == day_bars_.begin() ? 0 : std::prev(lo)->oi;
  lo = day_bars_.erase(lo, hi);
  std::int64_t oi = carried_oi;
  for (auto& b : good) {
    if (b.oi == 0) b.oi = oi;  // candles carry no open interest: keep the last known
    oi = b.oi;
  }
  day_bars_.insert(lo, good.begin(), good.end());
  if (bad > 0)
    out.add(ev::market_data_rejected{"backfill", name_, "bad_candle", first_problem, bad});
  out.add(ev::bar_gap_filled{name_, ev::timeframe::m1, r.from, r.to,
                             static_cast<std::int64_t>(good.size())});
}

}  // namespace strike::core::market
