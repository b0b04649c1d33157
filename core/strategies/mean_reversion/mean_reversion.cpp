#include "core/strategies/mean_reversion/mean_reversion.hpp"

#include <cassert>
#include <charconv>
#include <cmath>

#include "core/ist.hpp"
#include "core/market/bar_grid.hpp"

namespace strike::core::strategies {

namespace ev = strike::events;

namespace {

// Two decimals, without printf's locale and format parsing or the tables behind to_chars' fixed
// precision (a few microseconds when they are out of cache): the reason is formatted on the way
// from a tick to an order. Hundredths round half away from zero.
std::string& operator<<(std::string& out, double x) {
  char text[32];
  const double hundredths = std::round(x * 100.0);
  if (!(std::abs(hundredths) < 1e15))  // not a number, or beyond an integer's hundredths
    return out.append(text, std::to_chars(text, text + sizeof text, x).ptr);
  if (std::signbit(hundredths)) out.push_back('-');
  const auto v = static_cast<std::int64_t>(std::abs(hundredths));
  out.append(text, std::to_chars(text, text + sizeof text, v / 100).ptr).push_back('.');
  out.push_back(static_cast<char>('0' + v / 10 % 10));
  out.push_back(static_cast<char>('0' + v % 10));
  return out;
}
std::string& operator<<(std::string& out, std::string_view text) {
  return out.append(text);
}

// The instance deciding: the configured name, or the strategy's own when none is given.
std::string_view own(const core::strategy::snapshot& s, std::string_view name) {
  return s.instance.empty() ? name : s.instance;
}

}  // namespace

mean_reversion::mean_reversion(mean_reversion_params p)
    : p_(std::move(p)),
      bar_ns_(market::bar_period::of(p_.entry_timeframe).nominal_ns()),
      tracker_(p_.kalman_q, p_.zscore_window, p_.adx_period) {
  assert(p_.exit_z >= 0 && p_.exit_z < p_.entry_z);
  assert(bar_ns_ > 0 && p_.max_hold_bars >= 1);
}

std::vector<std::string> mean_reversion::instruments() const {
  return {p_.underlying_instrument, p_.vix_instrument};
}

std::vector<std::pair<ev::timeframe, int>> mean_reversion::warmup() const {
  return {{p_.entry_timeframe, reversion_tracker::warmup_bars(p_.zscore_window, p_.adx_period)}};
}

void mean_reversion::on_bar(const std::string& instrument, ev::timeframe tf, const market::bar& b,
                            const core::strategy::snapshot& s, bool warming,
                            core::strategy::decisions& out) {
  if (instrument != p_.underlying_instrument || tf != p_.entry_timeframe) return;
  tracker_.update(b);
  next_bar_start_ns_ = b.start_ns + bar_ns_;
  if (warming) return;
  if (const auto held = held_by_us(s)) {
    check_exit(*held, s, out);
    return;
  }
  enter(s, b.start_ns, out);
}

void mean_reversion::rehearse(const core::strategy::snapshot& s,
                              core::strategy::decisions& out) const {
  if (!tracker_.ready()) return;
  if (const auto held = held_by_us(s)) {
    check_exit(*held, s, out);
    return;
  }
  // The entry as it would be made were the close stretched now: every filter in its order, the
  // signal's own walked but not obeyed, which most closes fail.
  const bool call = tracker_.zscore() < 0;
  if (!standing(s).filter.empty()) return;
  if (const verdict v = signal_filters(call); !v.filter.empty())
    out.filtered.push_back(ev::entry_filtered{std::string(name()), p_.underlying_instrument,
                                              v.filter, v.value, v.limit, v.detail});
  std::optional<core::strategy::option_contract> contract;
  if (market_filters(s, call, contract).filter.empty())
    add_entry(*contract, call, next_bar_start_ns_, out);
}

std::optional<mean_reversion::held_position> mean_reversion::held_by_us(
    const core::strategy::snapshot& s) const {
  for (const auto& [key, p] : s.state.positions) {
    if (p.qty == 0) continue;
    const auto o = s.state.orders.find(p.entry_order);
    if (o == s.state.orders.end() || o->second.strategy != own(s, name())) continue;
    const bool call = p.symbol.size() >= 2 && p.symbol.compare(p.symbol.size() - 2, 2, "CE") == 0;
    return held_position{p.instrument, &p, call};
  }
  return std::nullopt;
}

void mean_reversion::check_exit(const held_position& h, const core::strategy::snapshot& s,
                                core::strategy::decisions& out) const {
  assert(h.position != nullptr && h.position->qty != 0);
  if (!h.position->exit_reason.empty()) return;  // the engine is exiting it already
  // Bars closed since it opened, by time: the session's bars follow one another without gaps.
  const std::int64_t since = s.now_ns - h.position->opened_ns;
  const std::int64_t held = since > 0 ? (since + bar_ns_ - 1) / bar_ns_ : 0;
  const double z = tracker_.zscore();
  // A call faded a drop: the drop is undone once z is back above -exit_z (a put: the mirror).
  const bool reverted = tracker_.ready() && (h.call ? z >= -p_.exit_z : z <= p_.exit_z);
  if (!reverted && held < p_.max_hold_bars) return;
  std::string why;
  if (reverted)
    why << "z " << z << (h.call ? " at or above " : " at or below ")
        << (h.call ? -p_.exit_z : p_.exit_z) << ": reverted";
  else
    why << "held " << std::to_string(held) << " bars, z " << z;
  out.signals.push_back(ev::signal_raised{std::string(name()), h.instrument,
                                          ev::signal_action::exit, std::move(why), 0});
  out.exits.push_back({h.instrument, reverted ? "mean_reverted" : "max_hold"});
}

void mean_reversion::enter(const core::strategy::snapshot& s, std::int64_t bar_start_ns,
                           core::strategy::decisions& out) const {
  const double z = tracker_.zscore();
  const bool call = z < 0;  // stretched down: the bounce is the call's
  std::optional<core::strategy::option_contract> contract;
  const verdict v = filters(s, call, contract);
  if (!v.filter.empty()) {
    out.filtered.push_back(ev::entry_filtered{std::string(name()), p_.underlying_instrument,
                                              v.filter, v.value, v.limit, v.detail});
    return;
  }
  add_entry(*contract, call, bar_start_ns, out);
}

void mean_reversion::add_entry(const core::strategy::option_contract& contract, bool call,
                               std::int64_t bar_start_ns, core::strategy::decisions& out) const {
  const double z = tracker_.zscore();
  std::string why;
  why.reserve(64);
  why << "close " << std::abs(z) << (call ? " sd below" : " sd above") << " the Kalman mean "
      << tracker_.mean() << ", ADX " << tracker_.adx();
  out.signals.push_back(
      ev::signal_raised{std::string(name()), p_.underlying_instrument,
                        call ? ev::signal_action::enter_long : ev::signal_action::enter_short,
                        std::move(why), std::min(std::abs(z) / (2 * p_.entry_z), 1.0)});
  trading::entry_intent& e = out.entries.emplace_back();
  e.strategy = std::string(name());
  e.instrument = contract.instrument;
  e.symbol = contract.symbol;
  e.side = ev::side::buy;
  e.reason = call ? "fade the drop" : "fade the rise";
  e.basis = core::strategy::bar_basis(p_.entry_timeframe, bar_start_ns);
  e.lot_size = contract.lot_size;
  e.tick_paise = contract.tick_paise;
  e.expiry = contract.expiry;
}

mean_reversion::verdict mean_reversion::filters(
    const core::strategy::snapshot& s, bool call,
    std::optional<core::strategy::option_contract>& contract) const {
  if (verdict v = standing(s); !v.filter.empty()) return v;
  if (verdict v = signal_filters(call); !v.filter.empty()) return v;
  return market_filters(s, call, contract);
}

mean_reversion::verdict mean_reversion::standing(const core::strategy::snapshot& s) const {
  const auto& st = s.state;
  if (!tracker_.ready())
    return {"warmup", static_cast<double>(tracker_.bars()),
            static_cast<double>(reversion_tracker::warmup_bars(p_.zscore_window, p_.adx_period)),
            "Kalman mean and ADX warming up"};
  if (st.risk.halted || st.risk.vix_tripped)
    return {"halted", 1, 0,
            st.risk.vix_tripped ? "VIX breaker tripped" : "halted: " + st.risk.halt_reason};
  if (const auto* h = st.risk.instance_halt(own(s, name())))
    return {"halted", 1, 0, "instance halted: " + h->first};
  if (!st.session.entry_window_open) return {"entry_window", 0, 1, "outside the entry window"};
  for (const auto& [key, o] : open_orders_of(st))
    if (o.purpose == ev::purpose::entry && o.strategy == own(s, name()))
      return {"position_open", 1, 1, "entry " + key + " working"};
  // Today's tally of its own instance, journaled: a restart keeps the cooldown.
  const auto tally = st.instances_today.find(std::string(own(s, name())));
  const std::int64_t last_close =
      tally == st.instances_today.end() ? 0 : tally->second.last_close_ns;
  if (last_close > 0) {
    const double since_min = static_cast<double>(s.now_ns - last_close) / 60e9;
    if (since_min < p_.cooldown_minutes)
      return {"cooldown", since_min, static_cast<double>(p_.cooldown_minutes),
              "minutes since its last exit"};
  }
  return {};
}

mean_reversion::verdict mean_reversion::signal_filters(bool call) const {
  const double z = tracker_.zscore();
  if (std::abs(z) < p_.entry_z)
    return {"zscore", z, call ? -p_.entry_z : p_.entry_z, "close not stretched from the mean"};
  if (tracker_.adx() >= p_.adx_max)
    return {"adx_trend", tracker_.adx(), p_.adx_max, "ADX says trend: not fading it"};
  return {};
}

mean_reversion::verdict mean_reversion::market_filters(
    const core::strategy::snapshot& s, bool call,
    std::optional<core::strategy::option_contract>& contract) const {
  const trading::quote* vix = s.market.find(p_.vix_instrument);
  if (!vix) return {"vix_level", 0, p_.vix_min, "no India VIX quote yet"};
  const double vix_level = static_cast<double>(vix->ltp) / 100.0;
  if (vix_level < p_.vix_min) return {"vix_level", vix_level, p_.vix_min, "VIX below the minimum"};
  if (vix_level > p_.vix_max) return {"vix_level", vix_level, p_.vix_max, "VIX above the maximum"};
  contract = pick_contract(s, call);
  if (!contract) return {"option_chain", tracker_.close(), 0, "no listed option near the money"};
  if (!s.market.find(contract->instrument))
    return {"option_quote", 0, 0, "no quote yet for " + contract->symbol};
  return {};
}

std::optional<core::strategy::option_contract> mean_reversion::pick_contract(
    const core::strategy::snapshot& s, bool call) const {
  if (!s.options) return std::nullopt;
  const std::string today = format_date(ist_date(s.now_ns));
  const auto expiries = s.options->expiries(p_.underlying, today, 2);
  if (expiries.empty()) return std::nullopt;
  std::string expiry = expiries.front();
  if (expiry == today && ist_minute_of_day(s.now_ns) >= p_.roll_after_minutes &&
      expiries.size() > 1)
    expiry = expiries[1];
  const auto strike = static_cast<std::int64_t>(std::llround(tracker_.close() * 100.0));
  return s.options->nearest(p_.underlying, expiry, strike, call);
}

}  // namespace strike::core::strategies
