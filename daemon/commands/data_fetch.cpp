// `striked data fetch`: historical candles from the broker (getCandleData) into the bar day
// files that the daemon writes and `striked backtest --data` reads (docs/market-data.md).
#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "brokers/angelone/vocabulary.hpp"
#include "daemon/broker_candles.hpp"
#include "daemon/commands/broker_session.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/fetch/candle_fetch.hpp"
#include "daemon/fetch/progress_line.hpp"
#include "daemon/holidays_file.hpp"
#include "daemon/market_clock.hpp"

namespace strike::daemon {
namespace {

namespace asio = boost::asio;

constexpr const char* nifty_index = "NSE:99926000";
constexpr const char* india_vix = "NSE:99926017";

struct fetch_options {
  std::string config_path;
  core::civil_date from, to;
  events::timeframe timeframe = events::timeframe::m1;
  std::vector<std::string> tokens;  // empty: the default set
  std::optional<std::string> out;
  fetch::ladder_rule rule;
  bool quiet = false;
};

int fail(const std::string& why) {
  std::fprintf(stderr, "striked data fetch: %s\n", why.c_str());
  return exit_code::usage;
}

// "NSE:99926000": an exchange getCandleData serves and a numeric token.
bool is_instrument(const std::string& id) {
  auto parts = brokers::angelone::split_instrument(id);
  if (!parts || parts->token.empty()) return false;
  static constexpr std::string_view exchanges[] = {"NSE", "NFO", "BSE", "BFO", "MCX", "CDS"};
  if (std::find(std::begin(exchanges), std::end(exchanges), parts->exchange) == std::end(exchanges))
    return false;
  return parts->token.find_first_not_of("0123456789") == std::string::npos;
}

// The options, or the exit code after saying what is wrong in one line.
std::variant<fetch_options, int> parse(args& a) {
  fetch_options o;
  o.config_path = a.option("--config").value_or("config.toml");
  const auto from = a.option("--from");
  const auto to = a.option("--to");
  const auto tokens = a.option("--tokens");
  const auto interval = a.option("--interval");
  const auto strikes = a.option("--strikes");
  const auto expiries = a.option("--expiries");
  o.out = a.option("--out");
  o.quiet = a.flag("--quiet");
  if (auto extra = a.unused()) return fail("unexpected argument '" + *extra + "'");
  if (!from || !to) return fail("--from DATE and --to DATE are required (YYYY-MM-DD)");
  const auto f = core::parse_date(*from);
  const auto t = core::parse_date(*to);
  if (!f) return fail("--from " + *from + ": not a date (YYYY-MM-DD)");
  if (!t) return fail("--to " + *to + ": not a date (YYYY-MM-DD)");
  if (*t < *f) return fail("--from " + *from + " is after --to " + *to);
  o.from = *f;
  o.to = *t;
  if (interval) {
    auto tf = events::enum_from_string<events::timeframe>(*interval);
    if (!tf) return fail("--interval " + *interval + ": not one of 1m, 5m, 15m, 1h, 1d");
    o.timeframe = *tf;
  }
  if (tokens) {
    if (strikes || expiries)
      return fail("--strikes and --expiries choose the default set's options; not with --tokens");
    std::size_t pos = 0;
    while (pos <= tokens->size()) {
      const auto comma = std::min(tokens->find(',', pos), tokens->size());
      std::string id = tokens->substr(pos, comma - pos);
      if (!is_instrument(id))
        return fail("--tokens: '" + id + "' is not EXCHANGE:TOKEN (e.g. NSE:99926000, NFO:40012)");
      if (std::find(o.tokens.begin(), o.tokens.end(), id) == o.tokens.end())
        o.tokens.push_back(std::move(id));
      pos = comma + 1;
    }
  }
  if (strikes) {
    auto n = whole_number(*strikes, 0, 50);
    if (!n) return fail("--strikes " + *strikes + ": strikes each side of the money, 0 to 50");
    o.rule.strikes = *n;
  }
  if (expiries) {
    auto n = whole_number(*expiries, 0, 10);
    if (!n) return fail("--expiries " + *expiries + ": nearest expiries, 0 to 10");
    o.rule.expiries = *n;
  }
  return o;
}

fetch::fetch_settings settings_for(const fetch_options& o) {
  fetch::fetch_settings s;
  s.timeframe = o.timeframe;
  s.max_days = brokers::angelone::max_days_per_request(interval_of(o.timeframe));
  if (!o.tokens.empty()) {
    s.instruments = o.tokens;
  } else {
    s.instruments = {nifty_index, india_vix};
    if (o.rule.expiries > 0) s.options = fetch::option_set{nifty_index, "NIFTY", o.rule};
  }
  return s;
}

void print_summary(const fetch::fetch_report& r, const std::filesystem::path& dir) {
  std::printf("striked data fetch: %d requests, %d day files written (%lld bars) in %s", r.requests,
              r.days_written, static_cast<long long>(r.bars), dir.c_str());
  if (r.option_contracts > 0) std::printf(", %d option contracts chosen", r.option_contracts);
  if (r.off_grid > 0)
    std::printf(", %lld candles off the bar grid dropped", static_cast<long long>(r.off_grid));
  std::printf("\n");
}

}  // namespace

int data_fetch_command(args& a) {
  auto parsed = parse(a);
  if (auto* code = std::get_if<int>(&parsed)) return *code;
  const auto& o = std::get<fetch_options>(parsed);

  auto session = open_broker_session(o.config_path, {"striked data fetch", "warn", {}});
  if (!session) return exit_code::usage;
  const auto& cfg = session->cfg;
  auto calendar = make_session_calendar(cfg.session);
  if (!calendar) return fail(calendar.error().message);
  const core::market::bar_grid grid(calendar->hours().open, calendar->hours().close);
  const auto clock = make_market_clock(cfg.runtime.clock);

  auto settings = settings_for(o);
  // Only days whose session has begun: the broker has nothing yet for the others.
  const std::int64_t now = clock->now_ns();
  for (auto d = o.from; !(o.to < d); d = core::civil_from_days(core::days_from_civil(d) + 1))
    if (calendar->is_trading_day(d) && grid.open_ns(d) <= now) settings.days.push_back(d);
  const auto dir = o.out ? std::filesystem::path(*o.out) : cfg.daemon.state_dir / "bars";
  if (settings.days.empty()) {
    std::printf("striked data fetch: no trading session from %s to %s has begun; nothing to do\n",
                core::format_date(o.from).c_str(), core::format_date(o.to).c_str());
    return exit_code::ok;
  }
  auto store = fetch::fetch_store::open(dir, o.timeframe, grid);
  if (!store) return fail(store.error().message);

  fetch::progress_line progress(o.quiet, stderr);
  std::optional<fetch::fetch_report> report;
  asio::co_spawn(
      session->io,
      fetch::fetch_candles(*session->client, *store, settings, *clock, grid, std::ref(progress)),
      [&](std::exception_ptr e, fetch::fetch_report r) {
        if (!e) report = std::move(r);
      });
  while (!report && session->io.run_one() > 0) {
  }
  progress.finish();
  // Idle connections may hold the reactor; give their closing a bounded time.
  session->client->shutdown();
  session->io.restart();
  session->io.run_for(std::chrono::seconds(5));
  if (!report) {
    std::fputs("striked data fetch: the fetch did not finish\n", stderr);
    return exit_code::failure;
  }

  print_summary(*report, dir);
  if (report->stopped) {
    std::fprintf(stderr, "striked data fetch: stopped: %s; run it again to fetch the rest\n",
                 report->stopped->message.c_str());
    return exit_code::failure;
  }
  if (report->refused > 0) {
    std::fprintf(stderr, "striked data fetch: %d requests refused (first: %s)\n", report->refused,
                 report->first_refusal.c_str());
    return exit_code::failure;
  }
  return exit_code::ok;
}

}  // namespace strike::daemon
