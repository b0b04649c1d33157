#include "daemon/trading_settings.hpp"

#include <cmath>

namespace strike::daemon {
namespace {

using namespace core::trading;

std::int64_t pct_to_bps(double pct) {
  return std::llround(pct * 100.0);
}
std::int64_t pct_to_ppb(double pct) {
  return std::llround(pct * 1e7);
}
std::int64_t rupees_to_paise(double rupees) {
  return std::llround(rupees * 100.0);
}
double bps_to_pct(std::int64_t bps) {
  return static_cast<double>(bps) / 100.0;
}
double ppb_to_pct(std::int64_t ppb) {
  return static_cast<double>(ppb) / 1e7;
}
constexpr std::int64_t ns_per_ms = 1'000'000;
constexpr std::int64_t ns_per_min = 60'000'000'000;

void read_ladder(toml_reader r, ladder_config& l) {
  std::vector<double> fallback;
  for (auto bps : l.steps_bps) fallback.push_back(bps_to_pct(bps));
  const auto steps = r.number_list("steps_pct", fallback, 0.01, 20.0);
  l.steps_bps.clear();
  for (double pct : steps) {
    if (!l.steps_bps.empty() && pct_to_bps(pct) <= l.steps_bps.back())
      r.fail("steps_pct", "steps must increase");
    l.steps_bps.push_back(pct_to_bps(pct));
  }
  l.step_wait_ns = r.integer("step_wait_ms", l.step_wait_ns / ns_per_ms, 100, 600'000) * ns_per_ms;
  l.exit_step_wait_ns =
      r.integer("exit_step_wait_ms", l.exit_step_wait_ns / ns_per_ms, 100, 600'000) * ns_per_ms;
  l.exit_protection_bps =
      pct_to_bps(r.number("exit_protection_pct", bps_to_pct(l.exit_protection_bps), 0.0, 20.0));
  auto end = [&](const char* key, ladder_end fallback_end) {
    const std::string v =
        r.one_of(key, fallback_end == ladder_end::cancel ? "cancel" : "cross", {"cancel", "cross"});
    return v == "cancel" ? ladder_end::cancel : ladder_end::cross;
  };
  l.entry_end = end("entry_exhausted", l.entry_end);
  l.exit_end = end("exit_exhausted", l.exit_end);
  r.finish();
}

void read_exits(toml_reader r, exit_config& e) {
  e.stop_loss_bps = pct_to_bps(r.number("stop_loss_pct", bps_to_pct(e.stop_loss_bps), 0.1, 100.0));
  e.trail_activate_bps =
      pct_to_bps(r.number("trail_activate_pct", bps_to_pct(e.trail_activate_bps), 0.0, 1000.0));
  e.trail_bps = pct_to_bps(r.number("trail_pct", bps_to_pct(e.trail_bps), 0.01, 100.0));
  e.target_bps = pct_to_bps(r.number("target_pct", bps_to_pct(e.target_bps), 0.0, 10000.0));
  e.break_even_bps =
      pct_to_bps(r.number("break_even_pct", bps_to_pct(e.break_even_bps), 0.0, 1000.0));
  e.broker_stop = r.boolean("broker_stop", e.broker_stop);
  e.broker_stop_limit =
      r.one_of("broker_stop_type", e.broker_stop_limit ? "stop_limit" : "stop_market",
               {"stop_market", "stop_limit"}) == "stop_limit";
  e.broker_stop_limit_bps = pct_to_bps(
      r.number("broker_stop_limit_pct", bps_to_pct(e.broker_stop_limit_bps), 0.05, 50.0));
  e.broker_stop_grace_ns =
      r.integer("broker_stop_grace_ms", e.broker_stop_grace_ns / ns_per_ms, 0, 600'000) * ns_per_ms;
  r.finish();
}

void read_risk(toml_reader r, risk_config& k) {
  k.capital_paise = rupees_to_paise(
      r.number("capital_rupees", static_cast<double>(k.capital_paise) / 100.0, 1.0, 1e12));
  k.daily_loss_bps =
      pct_to_bps(r.number("daily_loss_pct", bps_to_pct(k.daily_loss_bps), 0.01, 100.0));
  k.max_consecutive_losses = r.integer("max_consecutive_losses", k.max_consecutive_losses, 1, 1000);
  k.max_positions = r.integer("max_positions", k.max_positions, 1, 100);
  k.max_quote_age_ns =
      r.integer("max_quote_age_s", k.max_quote_age_ns / 1'000'000'000, 1, 3600) * 1'000'000'000;
  auto rows = r.table_array("sizing");
  if (!rows.empty()) {
    k.sizing.clear();
    for (auto& row : rows) {
      sizing_rule rule;
      rule.vix_below = row.number("vix_below", rule.vix_below, 0.0, 1e9);
      rule.min_dte = row.integer("min_dte", rule.min_dte, 0, 1000);
      rule.max_dte = row.integer("max_dte", rule.max_dte, 0, 1000);
      rule.lots = row.integer("lots", rule.lots, 0, 1000);
      if (rule.min_dte > rule.max_dte) row.fail("min_dte", "is above max_dte");
      row.finish();
      k.sizing.push_back(rule);
    }
  }
  r.finish();
}

void read_charges(toml_reader r, charge_rates& c) {
  c.brokerage_per_order_paise =
      rupees_to_paise(r.number("brokerage_per_order_rupees",
                               static_cast<double>(c.brokerage_per_order_paise) / 100.0, 0, 1e6));
  c.brokerage_cap_ppb =
      pct_to_ppb(r.number("brokerage_cap_pct", ppb_to_pct(c.brokerage_cap_ppb), 0, 100));
  c.stt_sell_ppb = pct_to_ppb(r.number("stt_sell_pct", ppb_to_pct(c.stt_sell_ppb), 0, 100));
  c.stt_exercise_ppb =
      pct_to_ppb(r.number("stt_exercise_pct", ppb_to_pct(c.stt_exercise_ppb), 0, 100));
  c.exchange_ppb = pct_to_ppb(r.number("exchange_pct", ppb_to_pct(c.exchange_ppb), 0, 100));
  c.sebi_ppb = pct_to_ppb(r.number("sebi_pct", ppb_to_pct(c.sebi_ppb), 0, 100));
  c.stamp_buy_ppb = pct_to_ppb(r.number("stamp_buy_pct", ppb_to_pct(c.stamp_buy_ppb), 0, 100));
  c.ipft_ppb = pct_to_ppb(r.number("ipft_pct", ppb_to_pct(c.ipft_ppb), 0, 100));
  c.gst_ppb = pct_to_ppb(r.number("gst_pct", ppb_to_pct(c.gst_ppb), 0, 100));
  r.finish();
}

void read_vix(toml_reader r, trading_config& t) {
  t.vix_instrument = r.text("instrument", t.vix_instrument);
  auto& v = t.vix;
  v.trip_level = r.number("trip_level", v.trip_level, 1.0, 1000.0);
  v.jump_pct = r.number("jump_pct", v.jump_pct, 0.1, 1000.0);
  v.window_ns = r.integer("window_minutes", v.window_ns / ns_per_min, 1, 24 * 60) * ns_per_min;
  v.reset_level = r.number("reset_level", v.reset_level, 1.0, 1000.0);
  v.calm_ns = r.integer("calm_minutes", v.calm_ns / ns_per_min, 0, 24 * 60) * ns_per_min;
  if (v.reset_level > v.trip_level) r.fail("reset_level", "is above trip_level");
  r.finish();
}

void read_paper(toml_reader r, brokers::paper::paper_config& p) {
  p.slippage_bps = pct_to_bps(r.number("slippage_pct", bps_to_pct(p.slippage_bps), 0.0, 10.0));
  p.tick_paise = r.integer("tick_paise", p.tick_paise, 1, 10'000);
  r.finish();
}

void read_orders(toml_reader r, trading_settings& t) {
  const std::string product = r.one_of("product", "carryforward", {"carryforward", "intraday"});
  t.product = product == "intraday" ? brokers::product::intraday : brokers::product::carryforward;
  t.order_poll = std::chrono::milliseconds(r.integer("poll_ms", t.order_poll.count(), 50, 60'000));
  t.trading.max_exit_attempts = r.integer("max_exit_attempts", t.trading.max_exit_attempts, 1, 100);
  auto& tr = t.trading;
  tr.exit_retry_first_ns =
      r.integer("exit_retry_ms", tr.exit_retry_first_ns / ns_per_ms, 0, 600'000) * ns_per_ms;
  tr.exit_retry_max_ns =
      r.integer("exit_retry_max_ms", tr.exit_retry_max_ns / ns_per_ms, 0, 3'600'000) * ns_per_ms;
  if (tr.exit_retry_max_ns < tr.exit_retry_first_ns)
    r.fail("exit_retry_max_ms", "is below exit_retry_ms");
  // Configs written before the table existed still split at the exchange's limits.
  tr.freeze_qty = {{"NIFTY", 1800},      {"BANKNIFTY", 900},  {"FINNIFTY", 1800},
                   {"MIDCPNIFTY", 2800}, {"NIFTYNXT50", 600}, {"SENSEX", 1000},
                   {"BANKEX", 900}};
  if (r.has("freeze_qty")) {
    auto freeze = r.table("freeze_qty");
    tr.freeze_qty.clear();
    for (const auto& underlying : freeze.keys())
      tr.freeze_qty[underlying] = freeze.integer(underlying, 0, 1, 1'000'000'000);
    freeze.finish();
  }
  r.finish();
}

}  // namespace

void read_trading_settings(toml_reader& top, trading_settings& t) {
  read_ladder(top.table("ladder"), t.trading.ladder);
  read_exits(top.table("exits"), t.trading.exits);
  read_risk(top.table("risk"), t.trading.risk);
  read_charges(top.table("charges"), t.trading.charges);
  read_vix(top.table("vix"), t.trading);
  read_paper(top.table("paper"), t.paper);
  read_orders(top.table("orders"), t);
}

}  // namespace strike::daemon
