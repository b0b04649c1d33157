// The risk engine's rules: checks before every entry, and the limits watched while trading.
// Pure functions of the state, the market and the config; the engine journals their verdicts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/state.hpp"
#include "core/trading/charges.hpp"
#include "core/trading/sizing.hpp"

namespace strike::core::trading {

struct risk_config {
  std::int64_t capital_paise = 10'00'000'00;  // ₹10 lakh
  std::int64_t daily_loss_bps = 200;          // halt for the day at a 2 % loss of capital
  std::int64_t max_consecutive_losses = 3;    // halt for the day after this many losing trades
  std::int64_t max_positions = 1;             // open positions plus working entry orders
  // Entries are refused while the entry's quote, or the mark of a position held, is older than
  // this (market time): a price or a day's P&L from a feed gone quiet is not acted on.
  std::int64_t max_quote_age_ns = 60'000'000'000;
  std::vector<sizing_rule> sizing = default_sizing();
};

struct entry_check {
  std::string instrument;
  std::int64_t lot_size = 0;
  std::int64_t price_paise = 0;  // expected entry price
  events::side side = events::side::buy;
  double vix = 0;  // latest India VIX (NaN when unknown)
  std::int64_t days_to_expiry = 0;
  std::int64_t funds_paise = 0;  // cash available for premium and charges
  std::int64_t unrealized_paise = 0;
  std::int64_t quote_age_ns = 0;  // of the entry instrument's quote (0 when there is none)
  std::string stale_mark;         // a position held whose mark is too old, and why; else empty
};

struct risk_verdict {
  bool approved = false;
  std::string check;  // the failing check when refused
  std::string reason;
  std::int64_t lots = 0;
  std::int64_t qty = 0;
};

// The checks on the state alone, which no entry passes while they fail: halted, flattening,
// VIX breaker, not yet reconciled, shutting down, no self-test, outside the entry window.
// Refused with the failing check's name and why; approved (with no size) when all pass.
risk_verdict entries_allowed(const state& s);

// Whether an entry order decided earlier may still be sent now (after a restart, or again once
// the broker proved it never arrived): entries must be allowed, and the order must be from the
// current session — yesterday's decision at yesterday's price is never sent this morning.
risk_verdict entry_still_current(const state& s, const order_record& o);

// Every check an entry must pass, in order: not halted, VIX breaker not tripped, not shutting
// down, the day's self-test passed, inside the entry window, below the position limit, above the
// daily loss limit, below the consecutive-loss limit, sized by the VIX/DTE table, and affordable
// (premium + charges).
risk_verdict check_entry(const risk_config& c, const charge_rates& rates, const state& s,
                         const entry_check& e);

// The loss limit in paise (negative): capital × daily_loss_bps.
std::int64_t daily_loss_limit(const risk_config& c);

// True when today's realized (net) plus unrealized P&L is at or below the limit.
bool daily_loss_reached(const risk_config& c, const state& s, std::int64_t unrealized_paise);

// Open positions plus working entry orders.
std::int64_t exposure_count(const state& s);

}  // namespace strike::core::trading
