// What `striked report` shows of a journal, folded from its events alone: who ran it and on
// what, the statistics `striked stats` computes, every closed trade with the seq of its open
// and its close, the equity after each close, the index's closes, the closes of the other
// journaled instruments and the VIX values the journal holds, and the breaker trips and halts
// in order.
//
// Pure: feed every event in journal order to add(), then read result(). Money stays in paise.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/report/trading_stats.hpp"
#include "events/event.hpp"

namespace strike::daemon::report {

// Taken from DaemonStarted, ConfigLoaded, the sessions and DaemonStopped; empty when the
// journal does not say.
struct run_header {
  std::string strategy;
  std::string mode;  // "live", "paper" or "backtest"
  std::string version;
  std::string config_path;
  std::string config_sha256;
  std::string first_session;  // "2026-01-05"
  std::string last_session;
  std::int64_t first_ts = 0;  // the journal's first and last event, UTC ns
  std::int64_t last_ts = 0;
  std::int64_t uptime_ns = -1;  // from DaemonStopped; -1 when the journal has none
  // The run's parameters ("exits.stop_loss_pct" → "15.0"), from its config file while that still
  // has the journaled hash (read_run_parameters); otherwise why not.
  std::vector<std::pair<std::string, std::string>> parameters;
  std::string parameters_note;
};

// One closed position. open_seq is 0 when the journal does not hold its PositionOpened.
struct trade_row {
  std::int64_t open_seq = 0;
  std::int64_t close_seq = 0;
  std::int64_t entry_ns = 0;
  std::int64_t exit_ns = 0;
  std::string instrument;
  std::string symbol;
  std::string session;          // the session it opened in ("2026-01-05")
  std::string exit_reason;      // from PositionExitTriggered; empty when none was journaled
  std::int64_t trigger_ns = 0;  // the first PositionExitTriggered and its price; 0 when none
  std::int64_t trigger_paise = 0;
  std::int64_t qty = 0;  // units closed
  std::int64_t entry_avg_paise = 0;
  std::int64_t exit_avg_paise = 0;
  std::int64_t gross_pnl_paise = 0;
  std::int64_t charges_paise = 0;
  std::int64_t net_pnl_paise = 0;
};

// A breaker trip or reset, a halt or a resume.
struct timeline_entry {
  std::int64_t seq = 0;
  std::int64_t ts = 0;
  std::string type;    // the event type name
  std::string detail;  // what the event says, in words
};

struct timed_value {
  std::int64_t ts = 0;     // UTC ns
  std::int64_t value = 0;  // paise
};

struct report_data {
  run_header header;
  std::int64_t capital_paise = 0;
  core::report::trading_stats stats;
  std::map<std::string, std::int64_t> daily_net;  // by session date, as the statistics count
  std::vector<trade_row> trades;                  // in the order they closed
  std::vector<timed_value> equity;                // net P&L so far after each close
  std::vector<timed_value> index;                 // the index's closes, of its finest timeframe
  // Every other journaled instrument's closes, of its finest timeframe (`[market]
  // journal_bars` names which; an option's only when the configuration journals it).
  std::map<std::string, std::vector<timed_value>> bars;
  // India VIX in hundredths: its bars' closes when journaled, and the value each breaker trip
  // and reset saw, in journal order.
  std::vector<timed_value> vix;
  std::vector<timeline_entry> timeline;
};

class report_builder {
 public:
  // capital_paise is the base of the returns, as in `striked stats --capital`; index names the
  // instrument drawn beside the equity ("NSE:99926000" for NIFTY 50), vix India VIX's.
  report_builder(std::int64_t capital_paise, std::string index, std::string vix = "NSE:99926017");

  void add(const events::event& e);
  report_data result() const;

 private:
  void on_trading(const events::event& e);
  void on_breaker(const events::event& e);
  void on_bar(const events::event& e, const events::bar_closed& b);

  std::string index_;
  std::string vix_;
  std::string session_;  // the last SessionOpened's date
  core::report::trading_stats_builder stats_;
  report_data data_;
  std::map<std::string, trade_row> open_;  // by trade_id (the entry order)
  struct exit_trigger {
    std::string reason;
    std::int64_t ts = 0;
    std::int64_t price_paise = 0;
  };
  std::map<std::string, exit_trigger> exit_why_;  // the first exit trigger by trade_id
  std::vector<timed_value> vix_seen_;             // by the breaker's events
  // The finest timeframe journaled draws an instrument most faithfully.
  struct finest_bars {
    int timeframe = 0;
    std::vector<timed_value> closes;
  };
  std::map<std::string, finest_bars> bars_;  // by instrument
  std::int64_t equity_ = 0;
};

}  // namespace strike::daemon::report
