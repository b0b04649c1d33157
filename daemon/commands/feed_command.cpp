// `striked feed`: logs in through the daemon's broker client, subscribes to SmartStream and
// prints every decoded tick as one JSON line on stdout, for checking a feed by eye or by script.
// Feed events (connects, disconnects, rejections, staleness) go to stderr with the logs.
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <cstdio>

#include "base/json_writer.hpp"
#include "brokers/angelone/client.hpp"
#include "brokers/angelone/smartstream/smartstream_feed.hpp"
#include "core/ist.hpp"
#include "daemon/commands/broker_session.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/config.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/feed_config.hpp"
#include "events/codec.hpp"

namespace strike::daemon {
namespace {

namespace asio = boost::asio;
using base::json_writer;

constexpr const char* usage =
    "usage: striked feed --config FILE --tokens EXCH:TOKEN[,...] --mode ltp|quote|snap [--for "
    "DURATION]\n";

std::vector<std::string> split_tokens(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= text.size()) {
    const auto comma = text.find(',', at);
    auto part = text.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    if (!part.empty()) out.push_back(std::move(part));
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return out;
}

void write_levels(base::json_writer& w, const std::array<brokers::depth_level, 5>& levels) {
  w.begin_array();
  for (const auto& l : levels)
    w.begin_object()
        .key("qty")
        .value(l.qty)
        .key("price")
        .value(l.price_paise)
        .key("orders")
        .value(l.orders)
        .end_object();
  w.end_array();
}

// One tick as a JSON line: identity, then the mode's fields; prices in paise.
void write_tick_json(const brokers::market_tick& t, std::string& out) {
  out.clear();
  base::json_writer w(out);
  w.begin_object().key("exchange").value(t.exchange).key("token").value(t.token);
  w.key("mode").value(brokers::to_string(t.mode)).key("sequence").value(t.sequence);
  w.key("exchange_time_ns")
      .value(t.exchange_ns)
      .key("exchange_time")
      .value(core::format_ist(t.exchange_ns));
  w.key("price_divisor").value(t.price_divisor).key("ltp").value(t.ltp);
  if (t.mode != brokers::feed_mode::ltp) {
    w.key("last_qty")
        .value(t.last_qty)
        .key("avg_price")
        .value(t.avg_price)
        .key("volume")
        .value(t.volume);
    w.key("total_buy_qty").value(t.total_buy_qty).key("total_sell_qty").value(t.total_sell_qty);
    w.key("open")
        .value(t.open)
        .key("high")
        .value(t.high)
        .key("low")
        .value(t.low)
        .key("close")
        .value(t.close);
  }
  if (t.mode == brokers::feed_mode::snap_quote) {
    w.key("last_trade_time_ns").value(t.last_trade_ns).key("oi").value(t.oi);
    w.key("upper_circuit").value(t.upper_circuit).key("lower_circuit").value(t.lower_circuit);
    w.key("high_52w").value(t.high_52w).key("low_52w").value(t.low_52w);
    w.key("depth").begin_object().key("bids");
    write_levels(w, t.bids);
    w.key("asks");
    write_levels(w, t.asks);
    w.end_object();
  }
  w.end_object();
  out.push_back('\n');
}

}  // namespace

int feed_command(args& a) {
  const std::string config_path = a.option("--config").value_or("config.toml");
  const auto tokens_text = a.option("--tokens");
  const auto mode_text = a.option("--mode").value_or("ltp");
  const auto for_text = a.option("--for");
  if (a.unused() || !a.positionals().empty() || !tokens_text) {
    std::fputs(usage, stderr);
    return exit_code::usage;
  }
  const auto mode = brokers::feed_mode_from(mode_text);
  const auto instruments = split_tokens(*tokens_text);
  std::optional<std::chrono::milliseconds> run_for;
  if (for_text) run_for = parse_duration(*for_text);
  if (!mode || instruments.empty() || (for_text && !run_for)) {
    std::fputs(usage, stderr);
    return exit_code::usage;
  }
  std::string line;
  auto log_event = [&line](events::payload p) {
    line.clear();
    events::encode_payload_fields(p, line);
    SPDLOG_INFO("{} {}", events::type_names()[p.index()], line);
  };
  auto session = open_broker_session(config_path, {"striked feed", "", log_event});
  if (!session) return exit_code::usage;
  auto& io = session->io;
  auto& cfg = session->cfg;
  auto& client = session->client;
  auto feed = brokers::angelone::smartstream::smartstream_feed::create(
      io.get_executor(), *client, session->wall, stream_options(cfg.feeds, cfg.broker), log_event);
  if (!feed) {
    std::fprintf(stderr, "striked feed: %s\n", feed.error().message.c_str());
    return exit_code::usage;
  }
  if (auto s = (*feed)->subscribe(instruments, *mode); !s) {
    std::fprintf(stderr, "striked feed: %s\n", s.error().message.c_str());
    return exit_code::usage;
  }
  std::string out;
  (*feed)->on_tick([&out](const brokers::market_tick& t) {
    write_tick_json(t, out);
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
  });

  asio::signal_set signals(io, SIGINT, SIGTERM);
  asio::steady_timer deadline(io);
  auto finish = [&] {
    signals.cancel();
    deadline.cancel();
    (*feed)->stop();
    client->shutdown();
  };
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) finish();
  });
  if (run_for) {
    deadline.expires_after(*run_for);
    deadline.async_wait([&](const boost::system::error_code& ec) {
      if (!ec) finish();
    });
  }
  (*feed)->start();
  io.run();
  const auto stats = (*feed)->stats();
  std::fprintf(
      stderr,
      "striked feed: %lld ticks, %lld duplicates dropped, %lld malformed frames, %lld connects\n",
      static_cast<long long>(stats.ticks), static_cast<long long>(stats.duplicates),
      static_cast<long long>(stats.malformed), static_cast<long long>(stats.connects));
  if (stats.connects == 0) {
    std::fputs("striked feed: never connected\n", stderr);
    return exit_code::failure;
  }
  return exit_code::ok;
}

}  // namespace strike::daemon
