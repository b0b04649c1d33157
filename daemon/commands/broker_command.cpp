// `striked broker ...`: the operator's view of the broker account through the same client the
// daemon uses (config [broker], credentials from their sources, tokens in state_dir).
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <optional>

#include "base/json_writer.hpp"
#include "brokers/angelone/client.hpp"
#include "brokers/broker_error.hpp"
#include "core/ist.hpp"
#include "daemon/commands/broker_session.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/config.hpp"
#include "daemon/exit_codes.hpp"

namespace strike::daemon {
namespace {

namespace asio = boost::asio;
using base::json_writer;

template <class T>
std::optional<T> run(asio::io_context& io, asio::awaitable<T> op) {
  std::optional<T> out;
  auto wrapped = [](asio::awaitable<T> inner) -> asio::awaitable<std::optional<T>> {
    co_return co_await std::move(inner);
  };
  asio::co_spawn(io, wrapped(std::move(op)), [&](std::exception_ptr e, std::optional<T> v) {
    if (!e) out = std::move(v);
  });
  io.run();
  io.restart();
  return out;
}

void write_order(base::json_writer& w, const brokers::order_info& o) {
  w.begin_object();
  w.key("broker_id")
      .value(o.broker_id)
      .key("tag")
      .value(o.tag)
      .key("instrument")
      .value(o.instrument);
  w.key("symbol").value(o.symbol).key("side").value(events::to_string(o.side));
  w.key("type").value(events::to_string(o.type)).key("state").value(brokers::to_string(o.state));
  w.key("status")
      .value(o.status_text)
      .key("qty")
      .value(o.qty)
      .key("filled_qty")
      .value(o.filled_qty);
  w.key("price_paise").value(o.price_paise).key("avg_price_paise").value(o.avg_price_paise);
  w.key("reason").value(o.reason).key("updated").value(o.updated_ns ? core::format_ist(o.updated_ns)
                                                                    : "");
  w.end_object();
}

// Prints one operation's JSON, or its error; returns the exit code.
template <class T, class Print>
int report(const std::optional<result<T>>& r, Print print) {
  if (!r) {
    std::fputs("striked broker: the operation did not finish\n", stderr);
    return exit_code::failure;
  }
  if (!r->ok()) {
    std::fprintf(stderr, "striked broker: %s\n", r->error().message.c_str());
    return exit_code::failure;
  }
  std::string out;
  base::json_writer w(out);
  print(w, r->value());
  std::printf("%s\n", out.c_str());
  return exit_code::ok;
}

constexpr const char* usage =
    "usage: striked broker login|logout|profile|funds|orders|trades|positions|instruments|ltp "
    "[INSTRUMENT] [--config FILE]\n";

}  // namespace

int broker_command(const std::string& sub, args& a) {
  const std::string config_path = a.option("--config").value_or("config.toml");
  const auto rest = a.positionals();
  if (auto extra = a.unused(); extra || (sub == "ltp") != (rest.size() == 1)) {
    std::fputs(usage, stderr);
    return exit_code::usage;
  }
  auto session = open_broker_session(config_path, {"striked broker", "", {}});
  if (!session) return exit_code::usage;
  auto& io = session->io;
  auto& c = *session->client;
  int code = exit_code::usage;
  if (sub == "login") {
    code = report(run(io, c.ensure_session()),
                  [](base::json_writer& w, const brokers::session_info& s) {
                    w.begin_object().key("active").value(s.active).key("method").value(s.method);
                    w.key("valid_until").value(core::format_ist(s.valid_until_ns)).end_object();
                  });
  } else if (sub == "logout") {
    auto r = run(io, c.logout());
    code = r && r->ok() ? exit_code::ok : exit_code::failure;
  } else if (sub == "profile") {
    code = report(run(io, c.profile()), [](base::json_writer& w, const brokers::profile_info& p) {
      w.begin_object().key("client_code").value(p.client_code).key("name").value(p.name);
      w.key("exchanges").begin_array();
      for (const auto& e : p.exchanges) w.value(e);
      w.end_array().end_object();
    });
  } else if (sub == "funds") {
    code = report(run(io, c.funds()), [](base::json_writer& w, const brokers::funds_info& f) {
      w.begin_object().key("net_paise").value(f.net_paise);
      w.key("available_cash_paise").value(f.available_cash_paise);
      w.key("utilised_paise")
          .value(f.utilised_paise)
          .key("realised_m2m_paise")
          .value(f.realised_m2m_paise);
      w.key("unrealised_m2m_paise").value(f.unrealised_m2m_paise).end_object();
    });
  } else if (sub == "orders") {
    code = report(run(io, c.order_book()),
                  [](base::json_writer& w, const std::vector<brokers::order_info>& book) {
                    w.begin_array();
                    for (const auto& o : book) write_order(w, o);
                    w.end_array();
                  });
  } else if (sub == "trades") {
    code = report(run(io, c.trade_book()), [](base::json_writer& w,
                                              const std::vector<brokers::trade_info>& trades) {
      w.begin_array();
      for (const auto& t : trades) {
        w.begin_object().key("broker_id").value(t.broker_id).key("fill_id").value(t.fill_id);
        w.key("symbol").value(t.symbol).key("side").value(events::to_string(t.side));
        w.key("qty").value(t.qty).key("price_paise").value(t.price_paise);
        w.key("time").value(t.fill_ns ? core::format_ist(t.fill_ns) : "").end_object();
      }
      w.end_array();
    });
  } else if (sub == "positions") {
    code = report(run(io, c.positions()), [](base::json_writer& w,
                                             const std::vector<brokers::position_info>& ps) {
      w.begin_array();
      for (const auto& p : ps) {
        w.begin_object().key("instrument").value(p.instrument).key("symbol").value(p.symbol);
        w.key("net_qty").value(p.net_qty).key("buy_avg_paise").value(p.buy_avg_paise);
        w.key("sell_avg_paise").value(p.sell_avg_paise).end_object();
      }
      w.end_array();
    });
  } else if (sub == "instruments") {
    code = report(
        run(io, c.instruments()),
        [](base::json_writer& w, const std::shared_ptr<const brokers::instrument_index>& idx) {
          w.begin_object()
              .key("as_of")
              .value(idx->as_of())
              .key("count")
              .value(static_cast<std::int64_t>(idx->size()));
          w.key("nifty_expiries").begin_array();
          for (const auto& d : idx->expiries("NIFTY")) w.value(core::format_date(d));
          w.end_array().end_object();
        });
  } else if (sub == "ltp") {
    (void)run(io, c.instruments());  // to name the symbol of the instrument
    code = report(
        run(io, c.last_price(rest[0], "")), [&](base::json_writer& w, const std::int64_t& p) {
          w.begin_object().key("instrument").value(rest[0]).key("ltp_paise").value(p).end_object();
        });
  } else {
    std::fputs(usage, stderr);
  }
  c.shutdown();
  io.run();
  return code;
}

}  // namespace strike::daemon
