#include "daemon/commands/decision_path.hpp"

#include <linux/errqueue.h>
#include <linux/net_tstamp.h>
#include <linux/perf_event.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <thread>

#include "backtest/backtest_run.hpp"
#include "backtest/exchange.hpp"
#include "backtest/synthetic_market.hpp"
#include "brokers/angelone/request_bodies.hpp"
#include "brokers/angelone/smartstream/tick_parser.hpp"
#include "core/bus.hpp"
#include "core/clock.hpp"
#include "core/engine/session_engine.hpp"
#include "core/market/bar_grid.hpp"
#include "core/state.hpp"
#include "core/strategy/registry.hpp"
#include "daemon/memory_lock.hpp"
#include "daemon/order_requests.hpp"
#include "sim/stream_frames.hpp"

namespace strike::daemon {
namespace {

namespace ev = strike::events;
namespace ss = strike::brokers::angelone::smartstream;

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::int64_t wall_ns() {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return std::int64_t{now.tv_sec} * core::ns_per_s + now.tv_nsec;
}

// The broker's end of the socket: accepts one connection on 127.0.0.1 and reads it to the end.
class draining_server {
 public:
  ~draining_server() {
    if (client_ >= 0) ::close(client_);
    if (reader_.joinable()) reader_.join();
    if (listener_ >= 0) ::close(listener_);
  }

  // Listens, connects a client with Nagle off, and starts the reader. Returns the client's fd.
  result<int> open() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        ::listen(listener_, 1) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      return error{"loopback socket: cannot listen"};
    client_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (client_ < 0 || ::connect(client_, reinterpret_cast<sockaddr*>(&addr), len) != 0)
      return error{"loopback socket: cannot connect"};
    const int one = 1;
    ::setsockopt(client_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    // The kernel stamps each segment as the network device takes it (read back from the
    // socket's error queue), which a loopback send's return comes later than: the kernel also
    // receives the segment, and acknowledges it, within the sending call.
    const int stamps = SOF_TIMESTAMPING_TX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE |
                       SOF_TIMESTAMPING_OPT_TSONLY | SOF_TIMESTAMPING_OPT_ID;
    stamped_ = ::setsockopt(client_, SOL_SOCKET, SO_TIMESTAMPING, &stamps, sizeof stamps) == 0;
    const int server = ::accept(listener_, nullptr, nullptr);
    if (server < 0) return error{"loopback socket: cannot accept"};
    // It reads every millisecond, never blocked in a read: the sender then hands its bytes to
    // the kernel without also waking a reader on this machine, which a broker across the
    // network would not cost it.
    reader_ = std::thread([server] {
      char buffer[1 << 16];
      for (;;) {
        const ssize_t n = ::recv(server, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) break;
        if (n < 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      ::close(server);
    });
    return client_;
  }

  // When the device took the last segment sent, on CLOCK_REALTIME; nullopt when not stamped.
  std::optional<std::int64_t> sent_to_device() const {
    std::optional<std::int64_t> stamp;
    if (!stamped_) return stamp;
    for (;;) {
      char control[256];
      char data[64];
      iovec io{data, sizeof data};
      msghdr m{};
      m.msg_iov = &io;
      m.msg_iovlen = 1;
      m.msg_control = control;
      m.msg_controllen = sizeof control;
      if (::recvmsg(client_, &m, MSG_ERRQUEUE | MSG_DONTWAIT) < 0) return stamp;
      for (cmsghdr* c = CMSG_FIRSTHDR(&m); c != nullptr; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SO_TIMESTAMPING) continue;
        scm_timestamping t;
        std::memcpy(&t, CMSG_DATA(c), sizeof t);
        stamp = std::int64_t{t.ts[0].tv_sec} * core::ns_per_s + t.ts[0].tv_nsec;
      }
    }
  }

 private:
  bool stamped_ = false;
  int listener_ = -1;
  int client_ = -1;
  std::thread reader_;
};

// Angel One's placeOrder as the client writes it, headers and body (TLS left out: a loopback
// socket measures what the process does up to the kernel).
std::string place_request(const core::order_record& o, const std::string& key) {
  auto body =
      brokers::angelone::place_body(order_request_for(o, key, brokers::product::carryforward));
  const std::string_view text = body ? std::string_view(*body) : std::string_view("{}");
  std::string request;
  request.reserve(512 + text.size());
  request.append(
      "POST /rest/secure/angelbroking/order/v1/placeOrder HTTP/1.1\r\n"
      "Host: apiconnect.angelone.in\r\nContent-Type: application/json\r\n"
      "Accept: application/json\r\nX-UserType: USER\r\nX-SourceID: WEB\r\n"
      "Content-Length: ");
  request.append(std::to_string(text.size())).append("\r\n\r\n").append(text);
  return request;
}

// A print as the SmartStream frame the feed would carry.
void encode(const backtest::market_print& p, std::int64_t sequence, std::string& out) {
  sim::stream_tick t;
  const bool option = p.instrument.starts_with("NFO:");
  t.exchange_type = option ? 2 : 1;
  t.token = p.instrument.substr(p.instrument.find(':') + 1);
  t.sequence = sequence;
  t.exchange_ms = p.quote.ts_ns / 1'000'000;
  t.ltp = p.quote.ltp;
  t.last_trade_s = p.quote.ts_ns / 1'000'000'000;
  t.bids[0] = {75, p.quote.bid, 1};
  t.asks[0] = {75, p.quote.ask, 1};
  sim::encode_frame(t, option ? 3 : 2, out);
}

result<std::unique_ptr<core::strategy::strategy>> busy_strategy() {
  auto p = busy_strategy_params();
  return core::strategy::builtin_strategies().make(busy_strategy_name, p);
}

// Counts the page faults the calling thread takes from here on: the traps, which the kernel's
// resource usage does not tell from pages it maps in advance for a locked process.
class page_fault_counter {
 public:
  page_fault_counter() {
    perf_event_attr a{};
    a.type = PERF_TYPE_SOFTWARE;
    a.size = sizeof a;
    a.config = PERF_COUNT_SW_PAGE_FAULTS;
    a.exclude_kernel = 1;
    fd_ = static_cast<int>(::syscall(SYS_perf_event_open, &a, 0, -1, -1, 0));
  }
  ~page_fault_counter() {
    if (fd_ >= 0) ::close(fd_);
  }
  page_fault_counter(const page_fault_counter&) = delete;
  page_fault_counter& operator=(const page_fault_counter&) = delete;
  // -1 when the kernel does not allow counting (perf_event_paranoid).
  std::int64_t count() const {
    std::uint64_t n = 0;
    if (fd_ < 0 || ::read(fd_, &n, sizeof n) != static_cast<ssize_t>(sizeof n)) return -1;
    return static_cast<std::int64_t>(n);
  }

 private:
  int fd_ = -1;
};

struct pending_send {
  std::int64_t seq = 0;
  std::string order;
  std::int64_t tick_start = 0;
  std::int64_t submitted = 0;
  std::string request;  // built while its event waits for the disk
};

}  // namespace

core::strategy::params busy_strategy_params() {
  return core::strategy::params({{"entry_timeframe", std::string("1m")},
                                 {"zscore_window", std::int64_t{10}},
                                 {"entry_z", 1.0},
                                 {"exit_z", 0.2},
                                 {"adx_max", 100.0},
                                 {"max_hold_bars", std::int64_t{5}},
                                 {"vix_min", 0.0},
                                 {"vix_max", 1000.0},
                                 {"cooldown_minutes", std::int64_t{0}}});
}

std::int64_t quantile(std::vector<std::int64_t>& values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto i = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(i, values.size() - 1)];
}

result<decision_path_figures> run_decision_path(const decision_path_options& o) {
  decision_path_figures f;
  if (o.lock_memory) {
    const auto lock = lock_memory();
    f.memory_locked = lock.locked;
    f.memory_lock_detail = lock.detail;
  } else {
    f.memory_lock_detail = "not asked to";
  }
  // The helpers (the journal's syncer, the broker socket's reader) start on the other cores and
  // stay there; the deciding thread then has its core to itself.
  if (o.cpu >= 0) {
    cpu_set_t others;
    CPU_ZERO(&others);
    for (int c = 0; c < CPU_SETSIZE && c < static_cast<int>(std::thread::hardware_concurrency());
         ++c)
      if (c != o.cpu) CPU_SET(c, &others);
    if (CPU_COUNT(&others) > 0) (void)::sched_setaffinity(0, sizeof others, &others);
  }
  const auto pin_decider = [&o] {
    if (o.cpu < 0) return true;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(o.cpu, &set);
    return ::sched_setaffinity(0, sizeof set, &set) == 0;
  };
  const core::civil_date day{2026, 1, 7};
  backtest::synthetic_market market({.seed = o.seed, .anchor = day, .band_strikes = o.strikes});
  if (auto s = market.begin_day(day); !s) return s.error();

  f.tick.reserve(static_cast<std::size_t>(o.ticks));
  std::vector<backtest::market_print> prints;
  std::vector<std::string> frames;
  const std::int64_t open = core::ist_time_ns(day, 9 * 60 + 15);
  const std::int64_t close = core::ist_time_ns(day, 15 * 60 + 30);

  if (o.floor) {
    if (!pin_decider()) return error{"cannot pin to CPU " + std::to_string(o.cpu)};
    brokers::market_tick parsed;
    std::int64_t sequence = 0, sink = 0;
    const auto started = steady_ns();
    for (std::int64_t t = open; f.ticks < o.ticks; t += core::ns_per_s) {
      if (t >= close) t = open;
      market.prints_at(t, {}, prints);
      for (const auto& p : prints) {
        if (f.ticks >= o.ticks) break;
        frames.resize(1);
        encode(p, ++sequence, frames[0]);
        const std::int64_t t0 = steady_ns();
        const auto bytes =
            std::span(reinterpret_cast<const std::uint8_t*>(frames[0].data()), frames[0].size());
        if (ss::parse_tick(bytes, parsed) == ss::tick_error::none) sink += parsed.ltp;
        f.tick.push_back(steady_ns() - t0);
        ++f.ticks;
      }
    }
    f.seconds = static_cast<double>(steady_ns() - started) / 1e9;
    if (sink == 42) f.events = 1;  // keeps the parse from being optimised away
    return f;
  }

  auto opened = storage::journal::open(
      {o.dir, o.durability, std::chrono::milliseconds(o.group_commit_ms)}, 0);
  if (!opened) return opened.error();
  auto& journal = **opened;
  core::virtual_clock clock(open - 10 * core::ns_per_minute);
  core::state state;
  core::bus bus(journal, clock, state.keys);
  bus.fold_with([&state](const ev::event& e) { core::apply(state, e); });
  auto strategy = busy_strategy();
  if (!strategy) return strategy.error();

  struct no_history final : core::market::candle_source {
    void request_candles(const core::market::candle_request&,
                         std::function<void(core::market::candle_reply)> deliver) override {
      deliver(error{"no candles in a benchmark", {}});
    }
  } history;
  core::engine::session_engine_options engine_options;
  engine_options.bars.grid = core::market::bar_grid(9 * 60 + 15, 15 * 60 + 30);
  engine_options.journal_bars = {"NSE:99926000"};
  engine_options.rehearse = o.rehearse;
  core::trading::trading_config trading;
  trading.risk.max_positions = 2;
  trading.risk.daily_loss_bps = 10'000;
  trading.risk.max_consecutive_losses = 1'000'000;
  core::engine::session_engine engine(bus, state, clock, trading, {{"bench", strategy->get()}},
                                      history, engine_options);
  engine.set_options(&market);
  engine.attach();
  backtest::exchange venue(bus, state, clock, trading.charges, {});
  venue.attach();
  // Ready at the open, as a live start is, and so rehearsing its first entry as the daemon's does.
  backtest::warm_up_before(engine, market, day);

  // The broker port: what the engine asks to send, timed from the tick that caused it.
  std::int64_t tick_start = 0;
  std::vector<pending_send> to_send;
  bus.subscribe<ev::order_intent>(
      "bench.intent", [&](const ev::event&, const ev::order_intent& intent) {
        if (tick_start == 0) return;
        const std::int64_t took = steady_ns() - tick_start;
        f.tick_to_intent.push_back(took);
        (intent.purpose == ev::purpose::exit ? f.tick_to_exit : f.tick_to_entry).push_back(took);
      });
  bus.subscribe<ev::order_submitted>("bench.submit",
                                     [&](const ev::event& e, const ev::order_submitted& s) {
                                       const std::int64_t now = steady_ns();
                                       if (tick_start > 0)
                                         f.tick_to_submit.push_back(now - tick_start);
                                       to_send.push_back({e.env.seq, s.order, tick_start, now});
                                     });
  draining_server server;
  int fd = -1;
  if (o.socket) {
    auto connected = server.open();
    if (!connected) return connected.error();
    fd = *connected;
  }

  if (!pin_decider()) return error{"cannot pin to CPU " + std::to_string(o.cpu)};

  auto publish = [&](ev::payload p) { (void)bus.publish(std::move(p)); };
  publish(ev::reconciliation_completed{0, 0, 0, 0, true});
  const auto expiries = market.expiries("NIFTY", core::format_date(day), 1);
  publish(ev::session_opened{core::format_date(day), close, expiries.front(), 0});
  publish(ev::entry_window_changed{core::format_date(day), true});
  publish(ev::self_test_completed{true, "", "bench"});

  brokers::market_tick parsed;
  std::string instrument;
  std::int64_t sequence = 0;
  std::set<std::string> held;
  const page_fault_counter faults;
  const auto started = steady_ns();
  for (std::int64_t t = open; f.ticks < o.ticks; t += core::ns_per_s) {
    if (t >= close) return error{"the session ended before " + std::to_string(o.ticks) + " ticks"};
    clock.advance_to(t);
    held.clear();
    for (const auto& [key, p] : state.positions) held.insert(p.instrument);
    venue.add_instruments_in_play(held);
    market.prints_at(t, held, prints);
    frames.resize(prints.size());
    for (std::size_t i = 0; i < prints.size(); ++i) encode(prints[i], ++sequence, frames[i]);
    for (std::size_t i = 0; i < prints.size() && f.ticks < o.ticks; ++i) {
      // The exchange sees the print first (outside the timing): an order fills on a later one.
      venue.on_quote(prints[i].instrument, prints[i].quote, prints[i].traded);
      const std::int64_t t0 = steady_ns();
      tick_start = t0;
      const auto bytes =
          std::span(reinterpret_cast<const std::uint8_t*>(frames[i].data()), frames[i].size());
      if (ss::parse_tick(bytes, parsed) != ss::tick_error::none)
        return error{"a frame the parser refused"};
      instrument.assign(parsed.exchange).append(":").append(parsed.token);
      const core::trading::quote q{t, parsed.ltp, parsed.bids[0].price_paise,
                                   parsed.asks[0].price_paise};
      const auto intents = state.counts[ev::index_of<ev::order_intent>()];
      engine.on_tick(instrument, {parsed.exchange_ns, parsed.ltp, parsed.volume, parsed.oi}, q);
      const std::int64_t t1 = steady_ns();
      f.tick.push_back(t1 - t0);
      if (state.counts[ev::index_of<ev::order_intent>()] != intents) ++f.decisions;
      ++f.ticks;
      // The order executor: each order's request is built while its event waits for the disk,
      // once the deciding tick is done, and goes out once the event is durable.
      for (auto& p : to_send) {
        const std::int64_t t_prepare = steady_ns();
        auto it = state.orders.find(p.order);
        if (it == state.orders.end()) continue;
        p.request = place_request(it->second, p.order);
        f.prepare.push_back(steady_ns() - t_prepare);
      }
      const std::int64_t t_ready = steady_ns();
      for (const auto& p : to_send) {
        if (p.request.empty()) continue;
        std::atomic<bool> durable{false};
        journal.when_durable(
            p.seq, [&durable](const status&) { durable.store(true, std::memory_order_release); });
        while (!durable.load(std::memory_order_acquire)) {
        }
        const std::int64_t t_durable = steady_ns();
        const std::int64_t wall_durable = wall_ns();
        if (fd >= 0 && ::send(fd, p.request.data(), p.request.size(), MSG_NOSIGNAL) < 0)
          return error{"loopback socket: send failed"};
        const std::int64_t t_sent = steady_ns();
        const auto device = server.sent_to_device();
        // Only the wait past the thread's own work (the tick, the requests' building) is the
        // journal's: a request built after its event was durable counts in full.
        const std::int64_t wait =
            std::max<std::int64_t>(t_durable - std::max(t_ready, p.submitted), 0);
        f.journal_wait.push_back(t_durable - p.submitted);
        f.send.push_back(t_sent - t_durable);
        if (p.tick_start > 0) f.tick_to_wire.push_back(t_sent - p.tick_start - wait);
        if (p.tick_start > 0 && device)
          f.tick_to_device.push_back(t_durable + (*device - wall_durable) - p.tick_start - wait);
        ++f.orders_sent;
      }
      to_send.clear();
      tick_start = 0;
    }
    engine.on_time(t);
  }
  f.seconds = static_cast<double>(steady_ns() - started) / 1e9;
  f.page_faults = faults.count();
  f.events = state.last_seq;
  if (auto s = journal.close(); !s) return s.error();
  return f;
}

}  // namespace strike::daemon
