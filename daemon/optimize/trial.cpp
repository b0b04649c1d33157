#include "daemon/optimize/trial.hpp"

#include "backtest/backtest_run.hpp"
#include "daemon/strategy_instances.hpp"
#include "daemon/config_table.hpp"
#include "daemon/holidays_file.hpp"
#include "daemon/version.hpp"

namespace strike::daemon::optimize {

trial_outcome run_trial(const trial_setup& setup, std::int64_t id,
                        core::report::trading_stats_builder* also) {
  trial_outcome out;
  out.id = id;
  out.values = setup.plan->trial(id);
  auto table = with_values(*setup.base, *setup.plan, out.values);
  if (!table) {
    out.error = table.error().message;
    return out;
  }
  auto cfg = read_config(*table, setup.config_file, "");
  if (!cfg) {
    out.error = cfg.error().message;
    return out;
  }
  auto strategies = make_strategy_instances(cfg->runtime);
  if (!strategies) {
    out.error = strategies.error().message;
    return out;
  }
  auto calendar = make_session_calendar(cfg->session);
  if (!calendar) {
    out.error = calendar.error().message;
    return out;
  }
  auto market = setup.market(cfg->backtest.spread_paise);
  if (!market) {
    out.error = market.error().message;
    return out;
  }

  backtest::backtest_request request;
  request.write_files = false;
  request.from = setup.from;
  request.to = setup.to;
  request.calendar = &*calendar;
  request.trading = cfg->trading.trading;
  request.journal_bars = cfg->market.journal_bars;
  request.market = market->get();
  request.step_ns = setup.step_ns;
  request.exchange.slippage_bps = cfg->backtest.slippage_bps;
  request.exchange.latency_ns = cfg->backtest.latency_ms * core::ns_per_ms;
  request.exchange.volume_share_pct = cfg->backtest.volume_share_pct;
  request.version = std::string(version);
  core::report::trading_stats_builder stats(request.trading.risk.capital_paise);
  request.on_event = [&stats, also](const events::event& e) {
    stats.add(e);
    if (also) also->add(e);
  };
  auto summary = backtest::run_backtest(request, strategies->instances);
  if (!summary) {
    out.error = summary.error().message;
    return out;
  }
  out.stats = stats.result();
  out.daily_returns = stats.daily_returns();
  return out;
}

}  // namespace strike::daemon::optimize
