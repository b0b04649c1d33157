#include "brokers/ws/ws_link.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cassert>
#include <chrono>
#include <deque>
#include <random>

#include "events/market_events.hpp"

namespace strike::brokers::ws {

namespace asio = boost::asio;
using steady = std::chrono::steady_clock;
using boost::system::error_code;

namespace {

// One connection's life: its socket, outgoing queue and timers. Dropped when it ends.
struct connection_life {
  connection_life(asio::any_io_executor ex, asio::ssl::context& tls)
      : conn(std::make_shared<ws_connection>(ex, tls)), signal(ex), heartbeat(ex) {}
  std::shared_ptr<ws_connection> conn;
  std::deque<std::string> outbox;
  asio::steady_timer signal;     // the writer waits on it while the outbox is empty
  asio::steady_timer heartbeat;
  steady::time_point last_inbound;
  bool open = false;             // upgraded; on_open has run
  bool closing = false;
  bool got_message = false;
  std::string reason;            // why it ended
};

std::uint64_t seed_of(std::uint64_t configured) { return configured != 0 ? configured : std::random_device{}(); }

std::string ms_text(std::int64_t ns) { return std::to_string(ns / 1'000'000) + " ms"; }

}  // namespace

struct link::state : std::enable_shared_from_this<link::state> {
  state(asio::any_io_executor e, std::shared_ptr<asio::ssl::context> t, link_options o, link_owner& w, event_sink s)
      : ex(e), tls(std::move(t)), options(std::move(o)), owner(&w), sink(std::move(s)),
        retry(options.backoff, seed_of(options.jitter_seed)), wake(e) {}

  // Ends c once: closes its socket and wakes its coroutines.
  void end(connection_life& c, std::string why) {
    if (c.closing) return;
    c.closing = true;
    c.reason = std::move(why);
    c.conn->close();
    c.signal.cancel();
    c.heartbeat.cancel();
  }

  bool push(connection_life& c, std::string text) {
    if (c.closing || !c.open) return false;
    if (c.outbox.size() >= options.queue_limit) {
      end(c, "outgoing queue full");
      return false;
    }
    c.outbox.push_back(std::move(text));
    c.signal.cancel();
    return true;
  }

  asio::any_io_executor ex;
  std::shared_ptr<asio::ssl::context> tls;
  link_options options;
  link_owner* owner;
  event_sink sink;
  backoff retry;
  asio::steady_timer wake;  // backoff waits; cancelled by stop() and reconnect()
  std::shared_ptr<connection_life> current;
  bool started = false;
  bool stopped = false;
  bool reconnect_now = false;
  std::int64_t connects = 0;
  std::int64_t reconnects = 0;
  std::uint64_t generation = 0;
  std::string endpoint;  // printable URL of the current (or last) connection
};

namespace {

using state_ptr = std::shared_ptr<link::state>;
using life_ptr = std::shared_ptr<connection_life>;

asio::awaitable<void> pause(state_ptr s, std::int64_t ns) {
  if (ns <= 0 || s->stopped) co_return;
  s->wake.expires_after(std::chrono::nanoseconds(ns));
  error_code ec;
  co_await s->wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<void> reader(state_ptr s, life_ptr c) {
  for (;;) {
    auto m = co_await c->conn->read();
    if (c->closing || s->stopped) co_return;
    if (!m) {
      s->end(*c, m.error().message);
      co_return;
    }
    c->last_inbound = steady::now();
    c->got_message = true;
    s->owner->on_message(*m);
    if (c->closing) co_return;
  }
}

asio::awaitable<void> writer(state_ptr s, life_ptr c) {
  while (!c->closing) {
    if (c->outbox.empty()) {
      c->signal.expires_at(steady::time_point::max());
      error_code ec;
      co_await c->signal.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    const std::string text = std::move(c->outbox.front());
    c->outbox.pop_front();
    auto sent = co_await c->conn->write_text(text);
    if (!sent) {
      s->end(*c, sent.error().message);
      co_return;
    }
  }
}

asio::awaitable<void> heartbeat(state_ptr s, life_ptr c) {
  const auto ping = std::chrono::nanoseconds(s->options.ping_interval_ns);
  const auto silence = std::chrono::nanoseconds(s->options.silence_timeout_ns);
  auto next_ping = steady::now() + ping;
  while (!c->closing) {
    c->heartbeat.expires_at(std::min(next_ping, c->last_inbound + silence));
    error_code ec;
    co_await c->heartbeat.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (c->closing) co_return;
    const auto now = steady::now();
    if (now - c->last_inbound >= silence) {
      s->end(*c, "no message for " + ms_text(s->options.silence_timeout_ns));
      co_return;
    }
    if (now >= next_ping) {
      s->push(*c, "ping");
      next_ping = now + ping;
    }
  }
}

// Connects once; returns the live connection, or null after a failure (already waited out).
asio::awaitable<life_ptr> connect_once(state_ptr s, std::int64_t& failures) {
  auto request = co_await s->owner->prepare();
  if (s->stopped) co_return nullptr;
  s->reconnect_now = false;  // the request holds the newest tokens
  std::string why;
  if (request) {
    s->generation = request->generation;
    s->endpoint = request->url.printable();
    auto c = std::make_shared<connection_life>(s->ex, *s->tls);
    s->current = c;
    auto opened = co_await c->conn->open(*request, s->options.timeouts);
    if (s->stopped) co_return nullptr;
    if (opened && !c->closing) co_return c;
    s->current.reset();
    if (!opened && (c->conn->refused_status() == 401 || c->conn->refused_status() == 403))
      s->owner->on_refused(request->generation, opened.error());
    why = opened ? c->reason : opened.error().message;
  } else {
    why = request.error().message;
  }
  if (s->reconnect_now) co_return nullptr;  // new tokens arrived meanwhile: try them at once
  const std::int64_t delay = s->retry.delay_ns(++failures);
  SPDLOG_WARN("{} feed: cannot connect ({}); retrying in {}", s->options.feed_name, why, ms_text(delay));
  co_await pause(s, delay);
  co_return nullptr;
}

asio::awaitable<void> run(state_ptr s) {
  std::int64_t failures = 0;
  while (!s->stopped) {
    life_ptr c = co_await connect_once(s, failures);
    if (!c) continue;
    ++s->connects;
    if (s->connects > 1) ++s->reconnects;
    c->open = true;
    c->last_inbound = steady::now();
    const std::int64_t subscriptions = s->owner->on_open();
    SPDLOG_INFO("{} feed: connected ({} subscriptions)", s->options.feed_name, subscriptions);
    if (s->sink) s->sink(events::feed_connected{s->options.feed_name, s->endpoint, subscriptions, s->reconnects});
    asio::co_spawn(s->ex, writer(s, c), asio::detached);
    asio::co_spawn(s->ex, heartbeat(s, c), asio::detached);
    co_await reader(s, c);
    s->end(*c, "connection ended");
    s->current.reset();
    if (s->stopped) co_return;
    s->owner->on_down(c->reason);
    if (c->got_message) failures = 0;
    std::int64_t delay = 0;
    if (!s->reconnect_now) delay = s->retry.delay_ns(++failures);
    SPDLOG_WARN("{} feed: disconnected ({}); reconnecting in {}", s->options.feed_name, c->reason, ms_text(delay));
    if (s->sink) s->sink(events::feed_disconnected{s->options.feed_name, c->reason, delay});
    co_await pause(s, delay);
  }
}

asio::awaitable<void> close_politely(life_ptr c) { co_await c->conn->close_gracefully(); }

}  // namespace

link::link(asio::any_io_executor ex, std::shared_ptr<asio::ssl::context> tls, link_options options, link_owner& owner,
           event_sink sink)
    : state_(std::make_shared<state>(ex, std::move(tls), std::move(options), owner, std::move(sink))) {
  const auto& o = state_->options;
  assert(o.ping_interval_ns > 0 && o.silence_timeout_ns > 0 && o.timeouts.open_ns > 0 &&
         o.timeouts.idle_timeout_ns > 0 && o.backoff.initial_ns > 0 && o.backoff.max_ns >= o.backoff.initial_ns);
}

link::~link() { stop(); }

void link::start() {
  if (state_->started || state_->stopped) return;
  state_->started = true;
  asio::co_spawn(state_->ex, run(state_), asio::detached);
}

void link::stop() {
  auto& s = *state_;
  if (s.stopped) return;
  s.stopped = true;
  s.wake.cancel();
  if (auto c = s.current) {
    const bool was_open = c->open && !c->closing;
    c->closing = true;
    c->reason = "stopped";
    c->signal.cancel();
    c->heartbeat.cancel();
    if (was_open)
      asio::co_spawn(s.ex, close_politely(c), asio::detached);
    else
      c->conn->close();
    s.current.reset();
  }
}

void link::reconnect(std::string reason) {
  auto& s = *state_;
  if (s.stopped) return;
  s.reconnect_now = true;
  s.wake.cancel();
  if (s.current) s.end(*s.current, std::move(reason));
}

bool link::send_text(std::string text) {
  auto& s = *state_;
  if (s.stopped || !s.current) return false;
  return s.push(*s.current, std::move(text));
}

bool link::connected() const { return state_->current && state_->current->open && !state_->current->closing; }
std::int64_t link::connects() const { return state_->connects; }
std::int64_t link::reconnects() const { return state_->reconnects; }
std::uint64_t link::generation() const { return state_->generation; }

}  // namespace strike::brokers::ws
