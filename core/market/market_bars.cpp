#include "core/market/market_bars.hpp"

#include <algorithm>

namespace strike::core::market {

market_bars::market_bars(market_sink& sink, candle_source& source, std::int64_t started_ns,
                         market_bars_options options)
    : sink_(sink),
      source_(source),
      started_ns_(started_ns),
      options_(options),
      rejections_(options.rejection_report_ns),
      now_ns_(started_ns),
      self_(std::make_shared<market_bars*>(this)) {}

market_bars::~market_bars() = default;

std::size_t market_bars::instrument(std::string_view name) {
  if (auto it = handles_.find(std::string(name)); it != handles_.end()) return it->second;
  const std::size_t handle = instruments_.size();
  instruments_.push_back(std::make_unique<instrument_bars>(std::string(name), options_.grid,
                                                           started_ns_, options_.repair));
  handles_.emplace(std::string(name), handle);
  return handle;
}

void market_bars::seed(std::size_t handle, std::span<const bar> today_1m,
                       const std::array<std::optional<std::int64_t>, 4>& last_coarse) {
  instruments_.at(handle)->seed(today_1m, last_coarse);
}

void market_bars::on_tick(std::size_t handle, const tick& t) {
  instrument_bars& ib = *instruments_[handle];
  ++ticks_;
  now_ns_ = std::max(now_ns_, t.ts_ns);
  const tick_outcome r = ib.on_tick(t, out_);
  if (!r.rejected.empty()) {
    if (auto e = rejections_.add("feed", ib.name(), r.rejected, r.detail, now_ns_))
      out_.add(std::move(*e));
  }
  if (!out_.empty()) flush_output(ib.name());
}

void market_bars::on_time(std::int64_t now_ns) {
  now_ns_ = std::max(now_ns_, now_ns);
  for (auto& ib : instruments_) {
    ib->on_time(now_ns, out_);
    if (!out_.empty()) flush_output(ib->name());
  }
  reports_.clear();
  rejections_.flush(now_ns, reports_);
  for (auto& r : reports_) sink_.on_event(std::move(r));
  send_requests(now_ns);
}

void market_bars::set_feed_down(std::int64_t since_ns) {
  for (auto& ib : instruments_) ib->set_feed_down(since_ns);
}

void market_bars::set_feed_up(std::int64_t at_ns) {
  for (auto& ib : instruments_) {
    ib->set_feed_up(at_ns, out_);
    if (!out_.empty()) flush_output(ib->name());
  }
}

void market_bars::send_requests(std::int64_t now_ns) {
  for (std::size_t handle = 0; handle < instruments_.size(); ++handle) {
    requests_.clear();
    instruments_[handle]->due_requests(now_ns, requests_);
    for (const auto& r : requests_) {
      std::weak_ptr<market_bars*> self = self_;
      const std::uint64_t id = r.id;
      source_.request_candles(r, [self, handle, id](candle_reply reply) {
        if (auto alive = self.lock()) (*alive)->deliver(handle, id, reply);
      });
    }
  }
}

void market_bars::deliver(std::size_t handle, std::uint64_t id, const candle_reply& reply) {
  instruments_[handle]->on_candles(id, reply, now_ns_, out_);
  flush_output(instruments_[handle]->name());
}

void market_bars::flush_output(const std::string& instrument) {
  std::size_t next_bar = 0;
  for (auto& [position, e] : out_.events) {
    for (; next_bar < position; ++next_bar) {
      const auto& b = out_.bars[next_bar];
      sink_.on_bar(instrument, b.timeframe, b.value);
    }
    sink_.on_event(std::move(e));
  }
  for (; next_bar < out_.bars.size(); ++next_bar) {
    const auto& b = out_.bars[next_bar];
    sink_.on_bar(instrument, b.timeframe, b.value);
  }
  out_.clear();
}

}  // namespace strike::core::market
