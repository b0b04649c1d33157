// `striked bench feed`: the CPU a SmartStream client costs. Logs in through the config's
// [broker] section, subscribes to the first N option instruments of the day's master in the
// given mode, aggregates every tick into 1-minute bars as the daemon does, and measures this
// process's CPU time (getrusage, user + system) over a fixed wall time after a warm-up. Prints
// one JSON object. Meant to run against `striked sim` at its realistic rate (one tick per
// instrument per market second); see docs/performance.md, "Feeds".
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstdio>
#include <unordered_map>

#include "base/json_writer.hpp"
#include "brokers/angelone/client.hpp"
#include "brokers/angelone/smartstream/smartstream_feed.hpp"
#include "core/market/tick_bars.hpp"
#include "daemon/commands/broker_session.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/config.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/feed_config.hpp"

namespace strike::daemon {
namespace {

namespace asio = boost::asio;

constexpr const char* usage =
    "usage: striked bench feed --config FILE [--instruments N] [--mode ltp|quote|snap] [--for "
    "DURATION] "
    "[--warmup DURATION]\n";

double cpu_seconds() {
  rusage r{};
  ::getrusage(RUSAGE_SELF, &r);
  auto s = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return s(r.ru_utime) + s(r.ru_stime);
}

struct measurement {
  std::int64_t ticks_at_start = 0;
  double cpu_at_start = 0;
  std::chrono::steady_clock::time_point wall_at_start;
};

}  // namespace

int bench_feed(args& a) {
  const std::string config_path = a.option("--config").value_or("config.toml");
  const auto count_text = a.option("--instruments").value_or("200");
  const auto mode = brokers::feed_mode_from(a.option("--mode").value_or("quote"));
  const auto run_for = parse_duration(a.option("--for").value_or("30s"));
  const auto warmup = parse_duration(a.option("--warmup").value_or("3s"));
  const std::size_t count = static_cast<std::size_t>(std::strtoul(count_text.c_str(), nullptr, 10));
  if (a.unused() || !a.positionals().empty() || !mode || !run_for || !warmup || count == 0 ||
      count > 1000) {
    std::fputs(usage, stderr);
    return exit_code::usage;
  }
  auto session = open_broker_session(config_path, {"striked bench feed", "warn", {}});
  if (!session) return exit_code::usage;
  auto& io = session->io;
  auto& cfg = session->cfg;
  auto& client = session->client;
  auto feed = brokers::angelone::smartstream::smartstream_feed::create(
      io.get_executor(), *client, session->wall, stream_options(cfg.feeds, cfg.broker), {});
  if (!feed) {
    std::fprintf(stderr, "striked bench feed: %s\n", feed.error().message.c_str());
    return exit_code::usage;
  }
  std::unordered_map<std::string, core::market::tick_bars> bars;
  std::int64_t closed = 0;
  (*feed)->on_tick([&](const brokers::market_tick& t) {
    // Keyed by token alone: the instruments are all NFO options here.
    auto it = bars.find(std::string(t.token));
    if (it != bars.end())
      closed += it->second.on_tick({t.exchange_ns, t.ltp, t.volume, t.oi}).closed.has_value();
  });

  int code = exit_code::ok;
  std::string report;
  auto run = [&]() -> asio::awaitable<void> {
    auto master = co_await client->instruments();
    if (!master) {
      std::fprintf(stderr, "striked bench feed: %s\n", master.error().message.c_str());
      code = exit_code::failure;
      co_return;
    }
    std::vector<std::string> chosen;
    for (const auto& row : (*master)->rows()) {
      if (row.exchange != "NFO" || chosen.size() == count) continue;
      chosen.push_back(row.id());
      bars.emplace(row.token, core::market::tick_bars(core::market::bar_period::of_minutes(1), {}));
    }
    if (auto s = (*feed)->subscribe(chosen, *mode); !s || chosen.size() < count) {
      std::fprintf(stderr, "striked bench feed: cannot subscribe %zu instruments\n", count);
      code = exit_code::failure;
      co_return;
    }
    (*feed)->start();
    asio::steady_timer timer(io);
    timer.expires_after(*warmup);
    co_await timer.async_wait(asio::use_awaitable);
    measurement m{(*feed)->stats().ticks, cpu_seconds(), std::chrono::steady_clock::now()};
    timer.expires_after(*run_for);
    co_await timer.async_wait(asio::use_awaitable);
    const double cpu = cpu_seconds() - m.cpu_at_start;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m.wall_at_start).count();
    const auto stats = (*feed)->stats();
    const std::int64_t ticks = stats.ticks - m.ticks_at_start;
    base::json_writer w(report);
    w.begin_object().key("instruments").value(static_cast<std::int64_t>(chosen.size()));
    w.key("mode").value(brokers::to_string(*mode)).key("wall_seconds").value(elapsed);
    w.key("ticks").value(ticks).key("ticks_per_second").value(static_cast<double>(ticks) / elapsed);
    w.key("cpu_seconds").value(cpu).key("cpu_percent_of_one_core").value(100.0 * cpu / elapsed);
    w.key("cpu_us_per_tick").value(ticks > 0 ? 1e6 * cpu / static_cast<double>(ticks) : 0.0);
    w.key("bars_closed").value(closed).key("malformed").value(stats.malformed);
    w.key("reconnects").value(stats.reconnects).end_object();
    (*feed)->stop();
    client->shutdown();
  };
  asio::co_spawn(io, run(), [&](std::exception_ptr e) {
    if (e) code = exit_code::failure;
    (*feed)->stop();
    client->shutdown();
  });
  io.run();
  if (!report.empty()) std::printf("%s\n", report.c_str());
  return report.empty() ? exit_code::failure : code;
}

}  // namespace strike::daemon
