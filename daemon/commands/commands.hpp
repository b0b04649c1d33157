// The subcommands of striked. Each takes the arguments after its name and returns the exit
// code.
#pragma once

#include <string>

#include "daemon/commands/args.hpp"

namespace strike::daemon {

int run_command(args& a);
int replay_command(args& a);
int backtest_command(args& a);        // the strategy over market days on a virtual clock
int optimize_command(args& a);        // a sweep backtested trial by trial on every core
int optimize_merge_command(args& a);  // the shards of a sweep put together
int stats_command(args& a);           // the trading statistics of any journal
int report_command(args& a);          // one self-contained HTML page of any journal
int journal_command(const std::string& sub, args& a);  // verify | tail | stats
int events_command(args& a);
int bench_command(const std::string& sub, args& a);  // journal | replay
int data_command(const std::string& sub, args& a);   // check | resample | indicators | fetch
int data_fetch_command(args& a);                     // candles from the broker into bar files
int session_command(args& a);
int sim_command(args& a);                             // the Angel One SmartAPI simulator
int broker_command(const std::string& sub, args& a);  // login | orders | positions | ...
int feed_command(args& a);                            // SmartStream ticks as JSON lines
int bench_feed(args& a);                              // bench feed: a SmartStream client's CPU use
int bench_decision(args& a);  // bench decision: a tick's way to an order on the wire

}  // namespace strike::daemon
