#include "core/trading/risk.hpp"

#include <cstdio>

#include "core/clock.hpp"
#include "core/ist.hpp"
#include "core/mul_div.hpp"

namespace strike::core::trading {
namespace {

risk_verdict refuse(std::string check, std::string reason) {
  return {false, std::move(check), std::move(reason), 0, 0};
}

std::string rupees(std::int64_t paise) {
  const std::int64_t a = paise < 0 ? -paise : paise;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s₹%lld.%02lld", paise < 0 ? "-" : "",
                static_cast<long long>(a / 100), static_cast<long long>(a % 100));
  return buf;
}

}  // namespace

std::int64_t daily_loss_limit(const risk_config& c) {
  return -mul_div(c.capital_paise, c.daily_loss_bps, 10'000);
}

bool daily_loss_reached(const risk_config& c, const state& s, std::int64_t unrealized) {
  return s.today.realized_pnl_paise + unrealized <= daily_loss_limit(c);
}

std::int64_t exposure_count(const state& s) {
  std::int64_t n = 0;
  for (const auto& [key, p] : s.positions)
    if (p.qty != 0) ++n;
  for (const auto& [key, o] : open_orders_of(s))
    if (o.purpose == events::purpose::entry && o.filled_qty == 0 &&
        o.status != order_status::intended)
      ++n;
  return n;
}

risk_verdict entries_allowed(const state& s) {
  if (s.risk.halted) return refuse("halted", "trading halted: " + s.risk.halt_reason);
  if (s.risk.flattening())
    return refuse("flattening", "a flatten is in progress: " + s.risk.flatten_reason);
  if (s.risk.vix_tripped) return refuse("vix_breaker", "the VIX circuit breaker is tripped");
  if (!s.lifecycle.reconciled)
    return refuse("reconciliation", "the broker's books have not been reconciled yet");
  if (s.lifecycle.shutting_down) return refuse("shutting_down", "the daemon is stopping");
  if (!s.lifecycle.self_test_passed)
    return refuse("self_test", "the pre-open self-test has not passed");
  if (!s.session.entry_window_open) return refuse("entry_window", "outside the entry window");
  return {true, "", "", 0, 0};
}

risk_verdict entry_still_current(const state& s, const order_record& o) {
  if (auto v = entries_allowed(s); !v.approved) return v;
  const std::string decided = format_date(ist_date(o.created_ns));
  if (decided != s.session.date)
    return refuse("stale", "decided on " + decided + ", the session is " + s.session.date);
  return {true, "", "", 0, 0};
}

risk_verdict check_entry(const risk_config& c, const charge_rates& rates, const state& s,
                         const entry_check& e) {
  if (auto v = entries_allowed(s); !v.approved) return v;
  if (const auto n = exposure_count(s); n >= c.max_positions)
    return refuse("max_positions",
                  std::to_string(n) + " open of at most " + std::to_string(c.max_positions));
  if (!e.stale_mark.empty())
    return refuse("stale_mark", e.stale_mark + ": today's P&L is not current");
  if (e.quote_age_ns > c.max_quote_age_ns)
    return refuse("stale_quote", "the quote of " + e.instrument + " is " +
                                     std::to_string(e.quote_age_ns / ns_per_s) + " s old");
  if (daily_loss_reached(c, s, e.unrealized_paise))
    return refuse("daily_loss", "today's P&L " +
                                    rupees(s.today.realized_pnl_paise + e.unrealized_paise) +
                                    " is at the limit " + rupees(daily_loss_limit(c)));
  if (s.today.consecutive_losses >= c.max_consecutive_losses)
    return refuse("consecutive_losses",
                  std::to_string(s.today.consecutive_losses) + " losing trades in a row");
  const std::int64_t lots = lots_for(c.sizing, e.vix, e.days_to_expiry);
  if (lots <= 0)
    return refuse("sizing", "no sizing rule allows an entry at VIX " + std::to_string(e.vix) +
                                ", " + std::to_string(e.days_to_expiry) + " days to expiry");
  if (e.lot_size <= 0 || e.price_paise <= 0)
    return refuse("instrument", "no lot size or price for " + e.instrument);
  const std::int64_t qty = lots * e.lot_size;
  const std::int64_t cost =
      qty * e.price_paise + charges_for_fill(rates, e.side, qty, e.price_paise, true).total();
  if (cost > e.funds_paise)
    return refuse("funds", "needs " + rupees(cost) + ", available " + rupees(e.funds_paise));
  return {true, "", "", lots, qty};
}

}  // namespace strike::core::trading
