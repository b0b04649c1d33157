#include "core/report/decision_compare.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <type_traits>

#include "core/market/bar_grid.hpp"
#include "events/codec.hpp"

namespace strike::core::report {

namespace ev = strike::events;

namespace {

constexpr std::int64_t ns_per_minute = 60'000'000'000;
// Bars a decision may still name: far more than close between a bar and its decisions.
constexpr std::size_t kept_bar_closes = 4096;

std::int64_t minute_of(std::int64_t ts) {
  return ts >= 0 ? ts / ns_per_minute : (ts - ns_per_minute + 1) / ns_per_minute;
}

std::string joined(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) {
    if (!out.empty()) out += '|';
    out += p;
  }
  return out;
}

// The key of a decision made on a bar's close, with its minute; exits are keyed without one.
std::optional<decision> decision_of(const ev::event& e) {
  return std::visit(
      [&e](const auto& p) -> std::optional<decision> {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, ev::signal_raised>) {
          return decision{decision::kind::signal,
                          e.env.ts,
                          joined({p.strategy, p.instrument, ev::to_string(p.action), p.reason}),
                          {}};
        } else if constexpr (std::is_same_v<T, ev::entry_filtered>) {
          return decision{
              decision::kind::filter, e.env.ts, joined({p.strategy, p.instrument, p.filter}), {}};
        } else if constexpr (std::is_same_v<T, ev::order_intent>) {
          // Exit orders follow the fills the market gave; the exit decision is compared instead.
          if (p.purpose != ev::purpose::entry) return std::nullopt;
          return decision{
              decision::kind::intent,
              e.env.ts,
              joined({p.strategy, p.instrument, ev::to_string(p.side), std::to_string(p.qty)}),
              {}};
        } else if constexpr (std::is_same_v<T, ev::position_exit_triggered>) {
          return decision{decision::kind::exit, e.env.ts, joined({p.instrument, p.reason}), {}};
        } else {
          return std::nullopt;
        }
      },
      e.body);
}

kind_count& count_of(decision_comparison& c, decision::kind k) {
  switch (k) {
    case decision::kind::signal:
      return c.signals;
    case decision::kind::filter:
      return c.filters;
    case decision::kind::intent:
      return c.intents;
    case decision::kind::exit:
      return c.exits;
  }
  return c.signals;
}

std::string bar_key(const decision& d) {
  return std::to_string(minute_of(d.bar_ns)) + "|" + std::string(to_string(d.what)) + "|" + d.key;
}

void keep_earlier(std::optional<divergence>& first, divergence d) {
  if (!first || d.ts_ns < first->ts_ns) first = std::move(d);
}

// Bar decisions in order: the first position where the two sequences differ; the agreeing
// ones counted regardless of order, so the summary says how far apart the runs are.
void compare_on_bars(const std::vector<decision>& live, const std::vector<decision>& back,
                     decision_comparison& c) {
  std::map<std::string, std::int64_t> unmatched;
  for (const auto& d : live) {
    ++count_of(c, d.what).live;
    ++unmatched[bar_key(d)];
  }
  for (const auto& d : back) {
    ++count_of(c, d.what).backtest;
    if (auto it = unmatched.find(bar_key(d)); it != unmatched.end() && it->second > 0) {
      --it->second;
      ++count_of(c, d.what).matched;
    }
  }
  const std::size_t n = std::min(live.size(), back.size());
  for (std::size_t i = 0; i < n; ++i)
    if (bar_key(live[i]) != bar_key(back[i]))
      return keep_earlier(c.first, {std::min(live[i].ts_ns, back[i].ts_ns), live[i], back[i]});
  if (live.size() > n) keep_earlier(c.first, {live[n].ts_ns, live[n], std::nullopt});
  if (back.size() > n) keep_earlier(c.first, {back[n].ts_ns, std::nullopt, back[n]});
}

std::int64_t lag(std::int64_t d) {
  return d < 0 ? -d : d;
}

// The nearest decision of `among` to ts, to show beside one that found no partner.
std::optional<decision> nearest(const std::vector<decision>& among, std::int64_t ts) {
  const decision* best = nullptr;
  for (const auto& d : among)
    if (!best || lag(d.ts_ns - ts) < lag(best->ts_ns - ts)) best = &d;
  return best ? std::optional<decision>(*best) : std::nullopt;
}

void compare_exits(const std::vector<decision>& live, const std::vector<decision>& back,
                   std::int64_t tolerance_ns, decision_comparison& c) {
  c.exits.live = static_cast<std::int64_t>(live.size());
  c.exits.backtest = static_cast<std::int64_t>(back.size());
  std::vector<bool> taken(back.size(), false);
  for (const auto& l : live) {
    bool found = false;
    for (std::size_t j = 0; j < back.size() && !found; ++j) {
      if (taken[j] || back[j].key != l.key || lag(back[j].ts_ns - l.ts_ns) > tolerance_ns) continue;
      taken[j] = found = true;
      ++c.exits.matched;
      c.largest_exit_lag_ns = std::max(c.largest_exit_lag_ns, lag(back[j].ts_ns - l.ts_ns));
    }
    if (!found) keep_earlier(c.first, {l.ts_ns, l, nearest(back, l.ts_ns)});
  }
  for (std::size_t j = 0; j < back.size(); ++j)
    if (!taken[j]) keep_earlier(c.first, {back[j].ts_ns, nearest(live, back[j].ts_ns), back[j]});
}

}  // namespace

std::string_view to_string(decision::kind k) {
  switch (k) {
    case decision::kind::signal:
      return "signal";
    case decision::kind::filter:
      return "filter";
    case decision::kind::intent:
      return "intent";
    case decision::kind::exit:
      return "exit";
  }
  return "?";
}

void decision_log::add(const events::event& e) {
  const civil_date day = ist_date(e.env.ts);
  if (day < from_ || to_ < day) return;
  if (const auto* b = std::get_if<ev::bar_closed>(&e.body)) {
    // A journal whose decisions name no bar would otherwise keep every bar of the range.
    if (bar_closes_.size() >= kept_bar_closes) bar_closes_.erase(bar_closes_.begin());
    bar_closes_[e.env.seq] = b->start_ns + market::bar_period::of(b->timeframe).nominal_ns();
    return;
  }
  auto d = decision_of(e);
  if (!d) return;
  d->bar_ns = e.env.ts;  // unless it names the bar it was made on
  if (d->what != decision::kind::exit && e.env.cause != 0) {
    if (auto bar = bar_closes_.find(e.env.cause); bar != bar_closes_.end()) {
      // A day's last hour is shorter than an hour: its close is no later than the decision.
      d->bar_ns = std::min(bar->second, e.env.ts);
      // Bars are decided on in the order they close: the ones before it are named no more.
      bar_closes_.erase(bar_closes_.begin(), bar);
    }
  }
  ev::encode(e, d->line);
  (d->what == decision::kind::exit ? exits_ : on_bars_).push_back(std::move(*d));
}

decision_comparison compare_decisions(const decision_log& live, const decision_log& backtest,
                                      std::int64_t exit_tolerance_ns) {
  decision_comparison c;
  // A live run that began deciding later than the backtest (started mid-session, or still
  // starting up at the open) is compared from the minute of its first decision on.
  std::int64_t first = std::numeric_limits<std::int64_t>::max();
  if (!live.on_bars().empty()) first = live.on_bars().front().bar_ns;
  if (!live.exits().empty()) first = std::min(first, live.exits().front().bar_ns);
  if (first != std::numeric_limits<std::int64_t>::max())
    c.from_ns = minute_of(first) * ns_per_minute;
  const auto from = [&c](const std::vector<decision>& all) {
    std::vector<decision> kept;
    for (const auto& d : all)
      if (d.bar_ns >= c.from_ns) kept.push_back(d);
    return kept;
  };
  compare_on_bars(live.on_bars(), from(backtest.on_bars()), c);
  compare_exits(live.exits(), from(backtest.exits()), exit_tolerance_ns, c);
  return c;
}

std::string describe(const decision_comparison& c) {
  std::string out;
  char row[160];
  std::snprintf(row, sizeof row, "%-16s %8s %9s %7s\n", "decisions", "live", "backtest", "agree");
  out += row;
  const std::pair<const char*, const kind_count*> rows[] = {{"signals", &c.signals},
                                                            {"filters", &c.filters},
                                                            {"entry intents", &c.intents},
                                                            {"exits", &c.exits}};
  for (const auto& [name, k] : rows) {
    std::snprintf(row, sizeof row, "%-16s %8lld %9lld %7lld\n", name,
                  static_cast<long long>(k->live), static_cast<long long>(k->backtest),
                  static_cast<long long>(k->matched));
    out += row;
  }
  std::snprintf(row, sizeof row, "largest exit lag %.0f s\n",
                static_cast<double>(c.largest_exit_lag_ns) / 1e9);
  out += row;
  if (c.from_ns > 0)
    out += "compared from " + format_ist(c.from_ns) + " IST, the live run's first\n";
  if (!c.first) return out + "the decisions agree\n";
  out += "first divergence at " + format_ist(c.first->ts_ns) + " IST\n";
  const auto side = [](const std::optional<decision>& d) {
    return d ? d->line + "\n" : std::string("(nothing)\n");
  };
  out += "  live:     " + side(c.first->live);
  out += "  backtest: " + side(c.first->backtest);
  return out;
}

}  // namespace strike::core::report
