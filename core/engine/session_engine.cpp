#include "core/engine/session_engine.hpp"

#include <algorithm>
#include <charconv>

#include "core/market/bar_grid.hpp"
#include "core/trading/rehearsal.hpp"

namespace strike::core::engine {

namespace ev = strike::events;

namespace {

// "<instrument>/<timeframe>/<start ns>", built in one allocation: every bar close pays it.
std::string bar_key(const std::string& instrument, ev::timeframe tf, std::int64_t start_ns) {
  std::string key;
  key.reserve(instrument.size() + 32);
  key.append(instrument).append("/").append(ev::to_string(tf)).append("/");
  char start[24];
  key.append(start, std::to_chars(start, start + sizeof start, start_ns).ptr);
  return key;
}

}  // namespace

session_engine::session_engine(bus& b, const state& s, const clock& c,
                               trading::trading_config config,
                               std::vector<strategy_instance> instances,
                               market::candle_source& history, session_engine_options options)
    : bus_(b),
      state_(s),
      clock_(c),
      trading_(b, s, c, std::move(config)),
      bars_(*this, history, c.now_ns(), options.bars),
      rehearse_(options.rehearse) {
  for (auto& in : instances) {
    runners_.push_back(
        std::make_unique<strategy::strategy_runner>(b, s, trading_, *in.strategy, in.name));
    for (auto& i : in.strategy->instruments())
      if (std::find(bar_instruments_.begin(), bar_instruments_.end(), i) == bar_instruments_.end())
        bar_instruments_.push_back(std::move(i));
  }
  for (auto& i : options.journal_bars) {
    if (i == "*") journal_all_ = true;
    journaled_.insert(std::move(i));
  }
  for (const auto& i : bar_instruments_) bars_.instrument(i);
  if (options.record_minutes)
    recorder_ = std::make_unique<market::minute_recorder>(
        options.bars.grid, [this](const std::string& instrument, const market::bar& minute) {
          for (const auto& observe : observers_) observe(instrument, ev::timeframe::m1, minute);
        });
}

session_engine::~session_engine() = default;

void session_engine::attach() {
  trading_.attach();
  for (auto& r : runners_) r->attach();
}

void session_engine::set_options(const strategy::option_chain* chain) {
  for (auto& r : runners_) r->set_options(chain);
}

std::vector<std::pair<ev::timeframe, int>> session_engine::warmup() const {
  std::vector<std::pair<ev::timeframe, int>> out;
  for (const auto& r : runners_)
    for (const auto& [tf, n] : r->get().warmup()) {
      auto it = std::find_if(out.begin(), out.end(), [tf](const auto& w) { return w.first == tf; });
      if (it == out.end())
        out.emplace_back(tf, n);
      else
        it->second = std::max(it->second, n);
    }
  return out;
}

// Marks a market update under way. The bars it closed reach the observers after it, once the
// outermost update returns (not when one throws: they wait for the next update's end).
class session_engine::update_scope {
 public:
  explicit update_scope(int& depth) : depth_(depth) { ++depth_; }
  ~update_scope() { --depth_; }
  update_scope(const update_scope&) = delete;
  update_scope& operator=(const update_scope&) = delete;

 private:
  int& depth_;
};

void session_engine::observe_closed() {
  if (updating_ > 0) return;
  for (const auto& c : unobserved_)
    for (const auto& observe : observers_) observe(c.instrument, c.tf, c.bar);
  unobserved_.clear();
}

void session_engine::on_tick(const std::string& instrument, const market::tick& t,
                             const trading::quote& q) {
  {
    const update_scope update(updating_);
    if (std::find(bar_instruments_.begin(), bar_instruments_.end(), instrument) !=
        bar_instruments_.end())
      bars_.on_tick(bars_.instrument(instrument), t);
    else if (recorder_)
      recorder_->on_tick(instrument, t);
    trading_.on_quote(instrument, q);
    for (auto& r : runners_) r->on_tick(instrument, q, q.ts_ns);
  }
  observe_closed();
}

void session_engine::on_time(std::int64_t now_ns) {
  {
    const update_scope update(updating_);
    bars_.on_time(now_ns);
    if (recorder_) recorder_->on_time(now_ns);
    trading_.on_time(now_ns);
  }
  observe_closed();
  if (rehearse_) rehearse();
}

void session_engine::rehearse() const try {
  const std::int64_t now = clock_.now_ns();
  if (!last_journaled_.instrument.empty()) {
    // The next bar's close: its key, the lookup the bus makes, its event.
    const auto& last = last_journaled_;
    const std::string key = bar_key(
        last.instrument, last.tf, last.bar.start_ns + market::bar_period::of(last.tf).nominal_ns());
    trading::rehearsed(&key);
    if (!state_.keys.contains(key)) {
      const auto closed = std::make_shared<const ev::event>(
          ev::envelope{0, now, key, 0, {}}, market::to_event(last.instrument, last.tf, last.bar));
      trading::rehearsed(closed.get());
    }
  }
  bool entry = false;
  for (const auto& r : runners_) entry = r->rehearse(now) || entry;
  if (!entry) trading_.rehearse_entry();
  trading_.rehearse_exits();
} catch (...) {
  // A rehearsal decides nothing: whatever goes wrong in one is for the real decision to meet.
}

void session_engine::warm_up(const std::string& instrument, ev::timeframe tf,
                             const std::vector<market::bar>& bars) {
  const std::int64_t now = clock_.now_ns();
  for (auto& r : runners_)
    for (const auto& b : bars) r->on_bar(instrument, tf, b, now, true);
}

void session_engine::on_bar(const std::string& instrument, ev::timeframe tf, const market::bar& b) {
  ++bars_closed_;
  std::int64_t seq = 0;
  if (journal_all_ || journaled_.count(instrument)) {
    if (auto journaled = bus_.publish(market::to_event(instrument, tf, b),
                                      {.key = bar_key(instrument, tf, b.start_ns)}))
      seq = *journaled;
    if (rehearse_) {
      last_journaled_.instrument.assign(instrument);
      last_journaled_.tf = tf;
      last_journaled_.bar = b;
    }
  }
  // A bar that ended more than a bar ago (a backfill after a restart or an outage) feeds the
  // strategy's indicators but is too old to act on.
  const std::int64_t now = clock_.now_ns();
  const std::int64_t len = market::bar_period::of(tf).nominal_ns();
  const bool too_old = now - (b.start_ns + len) > len;
  for (auto& r : runners_) r->on_bar(instrument, tf, b, now, too_old, seq);
  if (observers_.empty()) return;
  if (updating_ > 0)
    unobserved_.push_back({instrument, tf, b});
  else
    for (const auto& observe : observers_) observe(instrument, tf, b);
}

void session_engine::on_event(ev::payload e) {
  (void)bus_.publish(std::move(e));
}

}  // namespace strike::core::engine
