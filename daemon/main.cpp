// striked: the Strike trading daemon and its tools.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "daemon/commands/commands.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/version.hpp"

namespace {

constexpr const char* usage = R"(usage: striked <command> [options]

commands:
  run --config FILE [--for DURATION] [--status] [--exit-after-close]
      [--start TIME --speed X [--closed-speed Y] [--anchor UNIX_MS]]
                                         run the daemon until SIGTERM/SIGINT (or DURATION, or
                                         the session's close); --start/--speed play a market
                                         day on a scaled clock, in step with `striked sim`
  backtest --config FILE --from DATE --to DATE --synthetic SEED --out DIR [--step S] [--quiet]
                                         the strategy over market days on a virtual clock,
                                         with a simulated exchange; journal and reports in DIR
  optimize --config FILE --sweep SWEEP --from DATE --to DATE (--data DIR | --synthetic SEED)
      --out DIR [-j N] [--shard I/N] [--walk-forward TRAIN:TEST[:anchored]]
                                         backtest every trial of a sweep on every core;
                                         results.jsonl, best.toml, overfitting statistics
  optimize merge --out DIR SHARD_DIR...  put the shards of a sweep together (docs/optimize.md)
  stats JOURNAL|DIR [--json] [--capital RUPEES] [--by-instance]
                                         trades, win rate, P&L, drawdown, Sharpe, Sortino,
                                         Calmar, exposure, filtered entries of any journal
  report JOURNAL|DIR [--out FILE.html] [--capital RUPEES]
                                         one self-contained HTML page of any journal: header,
                                         statistics, charts, trades, breaker trips and halts
  replay (--journal PATH | --config FILE) [--from-scratch] [--keys]
                                         rebuild the state from the journal, print it as JSON
  journal verify PATH [--repair]         check every line; --repair cuts a torn tail
  journal tail PATH [-f] [--type NAME] [-n N]
                                         print the last events (and follow with -f)
  journal stats PATH [--json]            events per type, time span, size
  events                                 list the 52 event types
  sim [--config FILE] [--https-port N] [--admin-port N] [--cert-out PATH] [--ready-file PATH]
      [--seed N] [--start TIME] [--speed X] [--closed-speed Y] [--holiday DATE]...
      [--account CODE:PIN:TOTP_SECRET:API_KEY]
                                         run the Angel One SmartAPI simulator (docs/simulator.md)
  broker login|logout|profile|funds|orders|trades|positions|instruments [--config FILE]
  broker ltp INSTRUMENT [--config FILE]  the broker account through the daemon's client, as JSON
  feed --config FILE --tokens EXCH:TOKEN[,...] --mode ltp|quote|snap [--for DURATION]
                                         log in, subscribe to SmartStream, print each tick as JSON
  session DATE [--config FILE]           DATE's session as JSON: trading day or why not,
                                         session times, next weekly expiry, days to it
  data check FILE [--from PERIOD]        validate a candle file (CSV or JSONL), list every problem
  data resample FILE --to PERIOD [--from PERIOD] [--format csv|jsonl]
                                         print the candles resampled to a coarser period
  data indicators FILE --with SPEC [--from PERIOD]
                                         one CSV row per candle: timestamp, then each indicator
                                         (SPEC e.g. ema:20,sma:20,rsi:14,atr:14,adx:14,vwap,
                                         bb:20:2,z:20,kalman; empty during warm-up)
  data fetch [--config FILE] --from DATE --to DATE [--tokens EXCH:TOKEN,...] [--interval 1m]
      [--out DIR] [--strikes N] [--expiries N] [--quiet]
                                         historical candles from the broker into bar day files,
                                         resumable (docs/market-data.md)
  bench journal --dir DIR --events N --durability POLICY [--report-synced]
  bench replay --dir DIR [--events N]    measure journal append and replay speed
  bench feed --config FILE [--instruments N] [--mode M] [--for DURATION]
                                         CPU use of a SmartStream client (docs/performance.md)
  bench decision [--ticks N] [--cpu K] [--strikes N] [--no-rehearse] [--floor] [--json]
                                         a tick's way to the order on the wire: p50 to max
  version                                print the version

DURATION is like 90s, 5m, 2h or 250ms. PATH is a journal directory or one segment file.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace strike::daemon;
  if (argc < 2) {
    std::fputs(usage, stderr);
    return exit_code::usage;
  }
  const std::string command = argv[1];
  // Commands with subcommands take the next word as it.
  if (command == "data") {
    const std::string sub = argc > 2 ? argv[2] : "";
    args a(std::vector<std::string>(argv + std::min(argc, 3), argv + argc));
    return data_command(sub, a);
  }
  if (command == "broker") {
    const std::string sub = argc > 2 ? argv[2] : "";
    args a(std::vector<std::string>(argv + std::min(argc, 3), argv + argc));
    return broker_command(sub, a);
  }
  if (command == "optimize" && argc > 2 && std::string(argv[2]) == "merge") {
    args a(std::vector<std::string>(argv + 3, argv + argc));
    return optimize_merge_command(a);
  }
  if (command == "journal" || command == "bench") {
    const std::string sub = argc > 2 ? argv[2] : "";
    args a(std::vector<std::string>(argv + std::min(argc, 3), argv + argc));
    return command == "journal" ? journal_command(sub, a) : bench_command(sub, a);
  }
  args a(std::vector<std::string>(argv + 2, argv + argc));
  if (command == "run") return run_command(a);
  if (command == "replay") return replay_command(a);
  if (command == "backtest") return backtest_command(a);
  if (command == "optimize") return optimize_command(a);
  if (command == "stats") return stats_command(a);
  if (command == "report") return report_command(a);
  if (command == "events") return events_command(a);
  if (command == "session") return session_command(a);
  if (command == "sim") return sim_command(a);
  if (command == "feed") return feed_command(a);
  if (command == "version" || command == "--version") {
    std::printf("striked %.*s\n", static_cast<int>(version.size()), version.data());
    return exit_code::ok;
  }
  if (command == "help" || command == "--help" || command == "-h") {
    std::fputs(usage, stdout);
    return exit_code::ok;
  }
  std::fprintf(stderr, "striked: unknown command '%s'\n\n%s", command.c_str(), usage);
  return exit_code::usage;
}
