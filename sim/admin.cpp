// The admin endpoint (plain HTTP on its own loopback port): what the simulator received and
// did, and the fault knobs. Answers plain JSON, not the SmartAPI envelope.
#include <charconv>

#include "sim/books.hpp"
#include "sim/json_fields.hpp"
#include "sim/replies.hpp"
#include "sim/service.hpp"
#include "sim/time_text.hpp"
#include "sim/totp.hpp"

namespace strike::sim {
namespace {

http_response json_reply(std::string body, unsigned status = 200) {
  http_response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

http_response admin_error(std::string_view message, unsigned status = 400) {
  std::string out;
  base::json_writer w(out);
  w.begin_object().key("error").value(message).end_object();
  return json_reply(std::move(out), status);
}

// The value of name in a query string "a=1&b=2".
std::string_view query_value(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto part = query.substr(0, amp);
    const auto eq = part.find('=');
    if (part.substr(0, eq) == name) return eq == std::string_view::npos ? "" : part.substr(eq + 1);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

std::optional<series> series_named(std::string_view s) {
  if (s == "NIFTY") return series::nifty;
  if (s == "BANKNIFTY") return series::banknifty;
  if (s == "INDIAVIX" || s == "VIX") return series::vix;
  return std::nullopt;
}

}  // namespace

std::string service::admin_orders_json() const {
  std::string out;
  base::json_writer w(out);
  w.begin_array();
  for (const auto& o : engine_.orders()) {
    w.begin_object()
        .key("client_code")
        .value(o.client_code)
        .key("request_seq")
        .value(o.request_seq);
    w.key("placed_ns").value(o.placed_ns).key("modifications").value(o.modifications);
    w.key("order");
    write_order_row(w, o);
    w.end_object();
  }
  w.end_array();
  return out;
}

std::string service::admin_positions_json() {
  const std::int64_t now = market_clock_.now_ns();
  std::string out;
  base::json_writer w(out);
  w.begin_array();
  for (const auto& a : cfg_.accounts) {
    for (const auto& p : positions_of(engine_.fills(), a.client_code)) {
      w.begin_object().key("client_code").value(a.client_code).key("position");
      write_position_row(w, p, market_.at(*p.inst, now).ltp);
      w.end_object();
    }
  }
  w.end_array();
  return out;
}

std::string service::admin_status_json() const {
  const std::int64_t now = market_clock_.now_ns();
  std::string out;
  base::json_writer w(out);
  w.begin_object().key("market_time_ns").value(now).key("market_time").value(core::format_ist(now));
  w.key("in_session").value(path_.in_session(now)).key("seed").value(cfg_.seed);
  w.key("https_port").value(static_cast<std::int64_t>(https_port_));
  w.key("http_port").value(static_cast<std::int64_t>(http_port_));
  w.key("admin_port").value(static_cast<std::int64_t>(admin_port_));
  w.key("live_sessions").value(static_cast<std::uint64_t>(sessions_.live_count(now)));
  w.key("orders").value(static_cast<std::uint64_t>(engine_.orders().size()));
  w.key("fills").value(static_cast<std::uint64_t>(engine_.fills().size()));
  w.key("requests")
      .value(log_.last_seq())
      .key("instruments")
      .value(static_cast<std::uint64_t>(instruments_.all().size()));
  const auto ws = streams_.counts();
  w.key("streams").begin_object().key("market_connections").value(ws.market_connections);
  w.key("order_connections")
      .value(ws.order_connections)
      .key("subscriptions")
      .value(ws.subscriptions);
  w.key("ticks_sent").value(ws.ticks_sent).key("updates_sent").value(ws.updates_sent);
  w.key("faults").value(ws.faults).end_object();
  w.end_object();
  return out;
}

status service::admin_add_scenario(std::string_view body) {
  auto f = json_fields::parse(body);
  if (!f) return f.error();
  auto target = series_named(f->text("symbol").value_or(""));
  if (!target) return error{"symbol must be NIFTY, BANKNIFTY or INDIAVIX"};
  scenario sc;
  sc.target = *target;
  const auto start = f->text("start").value_or("now");
  if (start == "now") {
    sc.start_ns = market_clock_.now_ns();
  } else if (auto t = parse_iso_time(start)) {
    sc.start_ns = *t;
  } else {
    return error{"start must be \"now\" or a time like 2026-01-06T11:00:00+05:30"};
  }
  auto pct = f->paise("change_pct");
  if (!pct) return error{"change_pct is required (percent, e.g. 40 or -2.5)"};
  sc.change_pct = static_cast<double>(*pct) / 100.0;
  sc.ramp_s = f->integer("ramp_s").value_or(60);
  sc.hold_s = f->integer("hold_s").value_or(0);
  sc.revert_s = f->integer("revert_s").value_or(0);
  if (sc.ramp_s < 0 || sc.hold_s < 0 || sc.revert_s < 0) return error{"durations must be >= 0"};
  path_.add_scenario(sc);
  return {};
}

// The exchange, or a person at the broker's terminal, acting on an order behind its client's
// back: "fill" fills the rest of an open order now (as the market reaching it would), "cancel"
// cancels a working one. The change reaches the books and the order feed like any other.
http_response service::admin_order_action(std::string_view action, std::string_view body) {
  auto f = json_fields::parse(body);
  if (!f) return admin_error(f.error().message);
  const std::string id = f->text("orderid").value_or("");
  const order* o = engine_.find(id);
  if (o == nullptr) o = engine_.find_unique(id);
  if (o == nullptr) return admin_error("no order " + id + " (orderid or uniqueorderid)", 404);
  const std::string orderid = o->orderid;
  const std::int64_t now = market_clock_.now_ns();
  if (action == "fill") {
    if (!engine_.fill_rest_now(o->client_code, orderid, now))
      return admin_error("order " + orderid + " is not open", 409);
  } else if (auto r = engine_.cancel(o->client_code, orderid, now); !r) {
    return admin_error(r.error().message, 409);
  }
  std::string out;
  base::json_writer w(out);
  write_order_row(w, *engine_.find(orderid));
  return json_reply(std::move(out));
}

http_response service::handle_admin(const http_request& req) {
  tick();
  const std::string_view path = req.path();
  const bool post = req.method == "POST";
  if (path == "/admin/status") return json_reply(admin_status_json());
  if (path == "/admin/requests") {
    std::uint64_t since = 0;
    const auto v = query_value(req.query(), "since");
    std::from_chars(v.data(), v.data() + v.size(), since);
    return json_reply(log_.to_json(since));
  }
  if (path == "/admin/orders") return json_reply(admin_orders_json());
  if (path == "/admin/positions") return json_reply(admin_positions_json());
  if (path == "/admin/trades") {
    std::string out;
    base::json_writer w(out);
    w.begin_array();
    for (const auto& f : engine_.fills()) {
      w.begin_object().key("client_code").value(f.client_code).key("trade");
      write_trade_row(w, f);
      w.end_object();
    }
    w.end_array();
    return json_reply(std::move(out));
  }
  if (path == "/admin/faults") {
    if (post) {
      if (auto s = faults_.update_from_json(req.body); !s) return admin_error(s.error().message);
    }
    return json_reply(faults_.to_json());
  }
  if ((path == "/admin/orders/fill" || path == "/admin/orders/cancel") && post)
    return admin_order_action(path.substr(path.rfind('/') + 1), req.body);
  if (path == "/admin/expire-tokens" && post) {
    const int n = sessions_.expire_all(market_clock_.now_ns());
    return json_reply(R"({"expired":)" + std::to_string(n) + "}");
  }
  if (path == "/admin/scenario" && post) {
    if (auto s = admin_add_scenario(req.body); !s) return admin_error(s.error().message);
    return json_reply(R"({"scenarios":)" + std::to_string(path_.scenarios().size()) + "}");
  }
  if (path == "/admin/totp") {
    const account* a = account_by_code(query_value(req.query(), "client"));
    if (a == nullptr) return admin_error("unknown client", 404);
    auto code = totp_code(a->totp_secret, real_clock_.now_ns() / core::ns_per_s);
    if (!code) return admin_error(code.error().message, 500);
    return json_reply(R"({"totp":")" + *code + "\"}");
  }
  return admin_error("unknown admin path", 404);
}

}  // namespace strike::sim
