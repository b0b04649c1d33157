#include "core/strategies/trend_alignment/trend_alignment.hpp"

#include <cmath>

#include "core/ist.hpp"
#include "core/market/bar_grid.hpp"
#include "core/positions.hpp"

namespace strike::core::strategies {

namespace ev = strike::events;

trend_alignment::trend_alignment(trend_alignment_params p)
    : p_(std::move(p)), daily_(p_.daily), hourly_(p_.hourly) {}

std::vector<std::string> trend_alignment::instruments() const {
  return {p_.underlying_instrument, p_.vix_instrument};
}

std::vector<std::pair<ev::timeframe, int>> trend_alignment::warmup() const {
  auto bars = [](const trend_params& t) {
    return std::max(t.ema_period + t.slope_bars, 2 * t.adx_period) + 5;
  };
  return {{ev::timeframe::d1, bars(p_.daily)}, {ev::timeframe::h1, bars(p_.hourly)}};
}

void trend_alignment::on_bar(const std::string& instrument, ev::timeframe tf, const market::bar& b,
                             const core::strategy::snapshot& s, bool warming,
                             core::strategy::decisions& out) {
  if (instrument != p_.underlying_instrument) return;
  if (tf == ev::timeframe::d1) daily_.update(b);
  if (tf == ev::timeframe::h1) hourly_.update(b);
  last_price_ = static_cast<double>(b.close) / 100.0;
  if (tf != p_.entry_timeframe) return;
  next_bar_start_ns_ = b.start_ns + market::bar_period::of(tf).nominal_ns();
  if (b.volume > 0) vwap_.update(b);
  market::bar unit = b;
  unit.volume = 1;
  twap_.update(unit);
  if (!warming) evaluate(s, b.start_ns, out);
}

void trend_alignment::rehearse(const core::strategy::snapshot& s,
                               core::strategy::decisions& out) const {
  if (!daily_.ready() || !hourly_.ready()) return;
  // The entry as it would be made were the trends to align now: every filter in its order, the
  // signal's own walked but not obeyed, which most closes fail.
  const trend d = daily_trend();
  const trend direction = d == hourly_trend() ? d : trend::neutral;
  if (!standing(s, s.now_ns).filter.empty()) return;
  if (const verdict v = signal_filters(direction); !v.filter.empty())
    out.filtered.push_back(ev::entry_filtered{std::string(name()), p_.underlying_instrument,
                                              v.filter, v.value, v.limit, v.detail});
  const bool bull = d != trend::bear;
  std::optional<core::strategy::option_contract> contract;
  if (market_filters(s, bull, s.now_ns, contract).filter.empty())
    add_entry(*contract, bull, next_bar_start_ns_, out);
}

bool trend_alignment::held_by_us(const core::strategy::snapshot& s, std::string& instrument,
                                 bool& is_call) const {
  for (const auto& [key, p] : s.state.positions) {
    if (p.qty == 0) continue;
    auto o = s.state.orders.find(p.entry_order);
    if (o == s.state.orders.end() || o->second.strategy != s.instance) continue;
    instrument = p.instrument;
    is_call = p.symbol.size() >= 2 && p.symbol.compare(p.symbol.size() - 2, 2, "CE") == 0;
    return true;
  }
  return false;
}

void trend_alignment::evaluate(const core::strategy::snapshot& s, std::int64_t bar_start_ns,
                               core::strategy::decisions& out) {
  const trend d = daily_trend();
  const trend h = hourly_trend();
  std::string held;
  bool call = true;
  if (held_by_us(s, held, call)) {
    const trend wanted = call ? trend::bull : trend::bear;
    const auto* p = core::find_position(s.state, held, s.instance);
    if ((d != wanted || h != wanted) && p && p->exit_reason.empty()) {
      const std::string why = "alignment lost: daily " + std::string(to_string(d)) + ", hourly " +
                              std::string(to_string(h));
      out.signals.push_back(
          ev::signal_raised{std::string(name()), held, ev::signal_action::exit, why, 0});
      out.exits.push_back({held, "alignment_lost"});
    }
    return;
  }

  const trend direction = d == h ? d : trend::neutral;
  std::optional<core::strategy::option_contract> contract;
  const verdict v = filters(s, direction, s.now_ns, contract);
  if (!v.filter.empty()) {
    out.filtered.push_back(ev::entry_filtered{std::string(name()), p_.underlying_instrument,
                                              v.filter, v.value, v.limit, v.detail});
    return;
  }
  add_entry(*contract, direction == trend::bull, bar_start_ns, out);
}

void trend_alignment::add_entry(const core::strategy::option_contract& contract, bool bull,
                                std::int64_t bar_start_ns, core::strategy::decisions& out) const {
  const double strength = std::min(hourly_.adx() / 50.0, 1.0);
  out.signals.push_back(ev::signal_raised{
      std::string(name()), p_.underlying_instrument,
      bull ? ev::signal_action::enter_long : ev::signal_action::enter_short,
      bull ? "daily and hourly trends agree: bull" : "daily and hourly trends agree: bear",
      strength});
  out.entries.push_back({std::string(name()), contract.instrument, contract.symbol, ev::side::buy,
                         bull ? "bullish alignment" : "bearish alignment",
                         core::strategy::bar_basis(p_.entry_timeframe, bar_start_ns),
                         contract.lot_size, contract.tick_paise, contract.expiry});
}

trend_alignment::verdict trend_alignment::filters(
    const core::strategy::snapshot& s, trend direction, std::int64_t now_ns,
    std::optional<core::strategy::option_contract>& contract) const {
  if (verdict v = standing(s, now_ns); !v.filter.empty()) return v;
  if (verdict v = signal_filters(direction); !v.filter.empty()) return v;
  return market_filters(s, direction == trend::bull, now_ns, contract);
}

trend_alignment::verdict trend_alignment::standing(const core::strategy::snapshot& s,
                                                   std::int64_t now_ns) const {
  const auto& st = s.state;
  if (!daily_.ready() || !hourly_.ready())
    return {"warmup", 0, 0,
            std::string("daily ") + (daily_.ready() ? "ready" : "warming") + ", hourly " +
                (hourly_.ready() ? "ready" : "warming")};
  if (st.risk.halted || st.risk.vix_tripped)
    return {"halted", 1, 0,
            st.risk.vix_tripped ? "VIX breaker tripped" : "halted: " + st.risk.halt_reason};
  if (const auto* h = st.risk.instance_halt(s.instance))
    return {"halted", 1, 0, "instance halted: " + h->first};
  if (!st.session.entry_window_open) return {"entry_window", 0, 1, "outside the entry window"};
  // Its own positions and entries only: other instances' count against the account's limits.
  for (const auto& [key, p] : st.positions)
    if (p.qty != 0 && p.strategy == s.instance)
      return {"position_open", 1, 1, "already holding " + p.instrument};
  for (const auto& [key, o] : open_orders_of(st))
    if (o.purpose == ev::purpose::entry && o.strategy == s.instance)
      return {"position_open", 1, 1, "entry " + key + " working"};
  const auto own = st.instances_today.find(std::string(s.instance));
  const std::int64_t last_close = own == st.instances_today.end() ? 0 : own->second.last_close_ns;
  if (last_close > 0) {
    const double since_min = static_cast<double>(now_ns - last_close) / 60e9;
    if (since_min < p_.cooldown_minutes)
      return {"cooldown", since_min, static_cast<double>(p_.cooldown_minutes),
              "minutes since the last exit"};
  }
  return {};
}

trend_alignment::verdict trend_alignment::signal_filters(trend direction) const {
  const double price = last_price_;
  if (daily_.direction(price) == trend::neutral)
    return {"daily_trend", daily_.ema_slope(), 0,
            "daily trend neutral: price " + std::to_string(price) + " vs EMA " +
                std::to_string(daily_.ema())};
  if (direction == trend::neutral)
    return {"hourly_trend", hourly_.ema_slope(), 0,
            "hourly " + std::string(to_string(hourly_.direction(price))) + " against daily " +
                std::string(to_string(daily_.direction(price)))};
  const bool bull = direction == trend::bull;
  if (hourly_.adx() < p_.adx_min)
    return {"adx_strength", hourly_.adx(), p_.adx_min, "hourly ADX too weak"};
  const double rsi = hourly_.rsi();
  const double lo = bull ? p_.rsi_long_min : p_.rsi_short_min;
  const double hi = bull ? p_.rsi_long_max : p_.rsi_short_max;
  if (rsi < lo) return {"rsi_band", rsi, lo, "hourly RSI below the band"};
  if (rsi > hi) return {"rsi_band", rsi, hi, "hourly RSI above the band"};
  const double distance = std::abs(price - hourly_.ema()) / hourly_.ema() * 100.0;
  if (distance > p_.max_ema_distance_pct)
    return {"ema_distance", distance, p_.max_ema_distance_pct,
            "price too far from the hourly EMA (percent)"};
  if (p_.require_vwap) {
    const auto& avg = vwap_.ready() ? vwap_ : twap_;
    if (avg.ready() && (bull ? price < avg.value() / 100.0 : price > avg.value() / 100.0))
      return {"vwap_side", price, avg.value() / 100.0,
              bull ? "price below the session VWAP" : "price above the session VWAP"};
  }
  return {};
}

trend_alignment::verdict trend_alignment::market_filters(
    const core::strategy::snapshot& s, bool bull, std::int64_t now_ns,
    std::optional<core::strategy::option_contract>& contract) const {
  const double price = last_price_;
  const trading::quote* vix = s.market.find(p_.vix_instrument);
  const double vix_level = vix ? static_cast<double>(vix->ltp) / 100.0 : std::nan("");
  if (std::isnan(vix_level)) return {"vix_level", 0, p_.vix_min, "no India VIX quote yet"};
  if (vix_level < p_.vix_min) return {"vix_level", vix_level, p_.vix_min, "VIX below the minimum"};
  if (vix_level > p_.vix_max) return {"vix_level", vix_level, p_.vix_max, "VIX above the maximum"};
  contract = pick_contract(s, bull, now_ns);
  if (!contract) return {"option_chain", price, 0, "no listed option near the money"};
  if (!s.market.find(contract->instrument))
    return {"option_quote", 0, 0, "no quote yet for " + contract->symbol};
  return {};
}

std::optional<core::strategy::option_contract> trend_alignment::pick_contract(
    const core::strategy::snapshot& s, bool call, std::int64_t now_ns) const {
  if (!s.options) return std::nullopt;
  const std::string today = format_date(ist_date(now_ns));
  const auto expiries = s.options->expiries(p_.underlying, today, 2);
  if (expiries.empty()) return std::nullopt;
  std::string expiry = expiries.front();
  if (expiry == today && ist_minute_of_day(now_ns) >= p_.roll_after_minutes && expiries.size() > 1)
    expiry = expiries[1];
  const auto strike = static_cast<std::int64_t>(std::llround(last_price_ * 100.0));
  return s.options->nearest(p_.underlying, expiry, strike, call);
}

}  // namespace strike::core::strategies
