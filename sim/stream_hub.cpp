#include "sim/stream_hub.hpp"

#include <simdjson.h>

#include "base/json_writer.hpp"

namespace strike::sim {
namespace {

constexpr std::size_t max_subscriptions = 1000;

std::string stream_error(std::string_view correlation, std::string_view code,
                         std::string_view message) {
  std::string out;
  base::json_writer w(out);
  w.begin_object().key("correlationID").value(correlation).key("errorCode").value(code);
  w.key("errorMessage").value(message).end_object();
  return out;
}

struct request {
  std::string correlation;
  int action = -1;
  int mode = 0;
  std::vector<std::pair<std::uint8_t, std::string>> tokens;
};

// A subscribe/unsubscribe payload; false when it is not one.
bool parse_request(std::string_view text, request& out) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(text.data(), text.size()).get(doc)) return false;
  std::string_view correlation;
  if (!doc["correlationID"].get(correlation)) out.correlation = std::string(correlation);
  std::int64_t action = -1, mode = 0;
  simdjson::dom::array list;
  if (doc["action"].get(action) || doc["params"]["mode"].get(mode) ||
      doc["params"]["tokenList"].get(list))
    return false;
  if ((action != 0 && action != 1) || mode < 1 || mode > 3) return false;
  out.action = static_cast<int>(action);
  out.mode = static_cast<int>(mode);
  for (auto group : list) {
    std::int64_t type = 0;
    simdjson::dom::array tokens;
    if (group["exchangeType"].get(type) || type < 0 || type > 255 || group["tokens"].get(tokens))
      return false;
    for (auto t : tokens) {
      std::string_view token;
      if (t.get(token)) return false;
      out.tokens.emplace_back(static_cast<std::uint8_t>(type), std::string(token));
    }
  }
  return true;
}

}  // namespace

stream_hub::stream_hub(const sim_config& cfg, const session_store& sessions, market& mkt,
                       matching_engine& engine, faults& f, const core::clock& market_clock)
    : cfg_(cfg),
      sessions_(sessions),
      market_(mkt),
      faults_(f),
      market_clock_(market_clock),
      ticks_(mkt, cfg.seed),
      garbage_(cfg.seed ^ 0x6A7BA6EULL) {
  engine.subscribe([this](const order& o, const fill*) { on_order(o); });
}

std::uint64_t stream_hub::attach(feed_path p, const std::string& client_code, stream_peer& peer) {
  const std::uint64_t id = next_id_++;
  auto& c = connections_[id];
  c.path = p;
  c.client_code = client_code;
  c.peer = &peer;
  if (p == feed_path::orders) deliver(c, order_update_greeting(client_code), false, false);
  return id;
}

void stream_hub::detach(std::uint64_t id) {
  connections_.erase(id);
}

void stream_hub::on_text(std::uint64_t id, std::string_view text) {
  auto it = connections_.find(id);
  if (it == connections_.end() || it->second.dropped) return;
  connection& c = it->second;
  if (text == "ping") {
    deliver(c, "pong", false, false);
    return;
  }
  if (c.path == feed_path::market) subscribe(c, text);
}

void stream_hub::subscribe(connection& c, std::string_view text) {
  request r;
  if (!parse_request(text, r)) {
    deliver(c, stream_error(r.correlation, "E1001", "Invalid Request Payload."), false, false);
    return;
  }
  const auto mode = static_cast<std::uint8_t>(r.mode);
  if (r.action == 0) {
    for (const auto& [type, token] : r.tokens) c.subs.erase({type, token, mode});
    return;
  }
  std::vector<std::pair<sub_key, const instrument*>> fresh;
  for (const auto& [type, token] : r.tokens) {
    const instrument* inst = market_.instruments().by_token(token);
    if (inst == nullptr || exchange_type_of(*inst) != type)
      continue;  // unknown tokens get no ticks
    sub_key key{type, token, mode};
    if (c.subs.count(key) == 0) fresh.emplace_back(std::move(key), inst);
  }
  if (c.subs.size() + fresh.size() > max_subscriptions) {
    deliver(c, stream_error(r.correlation, "E1002", "Invalid Request. Subscription Limit Exceeded"),
            false, false);
    return;
  }
  const std::int64_t now = market_clock_.now_ns();
  for (auto& [key, inst] : fresh) {
    auto& s = c.subs[key];
    s.inst = inst;
    // The current tick at once, as the real service does on subscribing.
    send_tick(c, key, s, now);
    if (c.dropped) return;
  }
}

void stream_hub::send_tick(connection& c, const sub_key& key, subscription& s, std::int64_t now) {
  const stream_tick& t = ticks_.at(*s.inst, now);
  encode_frame(t, std::get<2>(key), frame_);
  s.last_second = now / core::ns_per_s;
  ++counts_.ticks_sent;
  deliver(c, frame_, true, true);
}

void stream_hub::pump() {
  const std::int64_t now = market_clock_.now_ns();
  if (!market_.path().in_session(now)) return;
  const std::int64_t second = now / core::ns_per_s;
  for (auto& [id, c] : connections_) {
    if (c.path != feed_path::market) continue;
    for (auto& [key, s] : c.subs) {
      if (c.dropped) break;
      if (s.last_second < second) send_tick(c, key, s, now);
    }
  }
}

bool stream_hub::deliver(connection& c, std::string_view bytes, bool binary, bool tick) {
  if (c.dropped) return false;
  switch (faults_.before_frame(c.path == feed_path::market ? "market" : "orders", tick)) {
    case frame_fault::drop:
      ++counts_.faults;
      c.dropped = true;
      c.peer->drop();
      return false;
    case frame_fault::stall:
      ++counts_.faults;
      c.peer->stall(faults_.settings().stream.ws_stall_ms);
      return true;
    case frame_fault::truncate:
      if (bytes.size() < 2) break;
      ++counts_.faults;
      c.peer->send(bytes.substr(0, 1 + garbage_.next() % (bytes.size() - 1)), binary);
      return true;
    case frame_fault::malformed: {
      ++counts_.faults;
      std::string junk;
      switch (garbage_.next() % 3) {
        case 0:  // an unknown mode byte
          junk.push_back(static_cast<char>(4 + garbage_.next() % 250));
          for (auto n = 1 + garbage_.next() % 60; n > 0; --n)
            junk.push_back(static_cast<char>(garbage_.next()));
          c.peer->send(junk, true);
          break;
        case 1:  // a known mode with the wrong length
          junk.push_back(static_cast<char>(1 + garbage_.next() % 3));
          for (auto n = garbage_.next() % 400; n > 0; --n)
            junk.push_back(static_cast<char>(garbage_.next()));
          if (junk.size() == 51 || junk.size() == 123 || junk.size() == 379) junk.push_back('\0');
          c.peer->send(junk, true);
          break;
        default:
          c.peer->send("{\"not\":json", false);
          break;
      }
      break;
    }
    case frame_fault::none:
      break;
  }
  c.peer->send(bytes, binary);
  if (faults_.take_duplicate(tick)) c.peer->send(bytes, binary);
  return true;
}

void stream_hub::on_order(const order& o) {
  std::string json;
  for (auto& [id, c] : connections_) {
    if (c.path != feed_path::orders || c.client_code != o.client_code || c.dropped) continue;
    if (json.empty()) json = order_update_json(o);
    ++counts_.updates_sent;
    deliver(c, json, false, false);
  }
}

stream_counts stream_hub::counts() const {
  stream_counts out = counts_;
  for (const auto& [id, c] : connections_) {
    if (c.dropped) continue;
    if (c.path == feed_path::market)
      ++out.market_connections;
    else
      ++out.order_connections;
    out.subscriptions += static_cast<std::int64_t>(c.subs.size());
  }
  return out;
}

}  // namespace strike::sim
