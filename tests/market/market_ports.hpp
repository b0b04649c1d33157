// Test implementations of the bar engine's ports: a sink that records what it is given and a
// candle source that answers from a vector of "true" 1m bars (at once, later, or with errors).
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/market/market_bars.hpp"

namespace strike::test {

struct recording_sink final : core::market::market_sink {
  struct entry {
    std::string instrument;
    events::timeframe timeframe;
    core::market::bar value;
  };
  std::vector<entry> bars;
  std::vector<events::payload> events;
  std::vector<std::string> order;  // "bar 1m", "BarGapDetected", ... as delivered

  void on_bar(const std::string& instrument, events::timeframe tf,
              const core::market::bar& b) override {
    bars.push_back({instrument, tf, b});
    order.push_back("bar " + std::string(events::to_string(tf)));
  }
  void on_event(events::payload e) override {
    order.emplace_back(events::type_names()[e.index()]);
    events.push_back(std::move(e));
  }

  std::vector<core::market::bar> of(events::timeframe tf) const {
    std::vector<core::market::bar> out;
    for (const auto& e : bars)
      if (e.timeframe == tf) out.push_back(e.value);
    return out;
  }
  template <class T>
  std::vector<T> events_of() const {
    std::vector<T> out;
    for (const auto& e : events)
      if (auto* p = std::get_if<T>(&e)) out.push_back(*p);
    return out;
  }
};

// Answers from `truth`. Modes: immediate (deliver inside request_candles), held (queue until
// release()), and a number of failures to give before answering.
class vector_candle_source final : public core::market::candle_source {
 public:
  std::vector<core::market::bar> truth;
  bool hold = false;
  int failures_left = 0;
  std::vector<core::market::candle_request> requests;

  void request_candles(const core::market::candle_request& r,
                       std::function<void(core::market::candle_reply)> deliver) override {
    requests.push_back(r);
    auto answer = [this, r, deliver = std::move(deliver)] {
      if (failures_left > 0) {
        --failures_left;
        deliver(error{"HTTP 403: Access denied because of exceeding access rate"});
        return;
      }
      std::vector<core::market::bar> out;
      for (const auto& b : truth)
        if (b.start_ns >= r.from_ns && b.start_ns <= r.to_ns) out.push_back(b);
      deliver(std::move(out));
    };
    if (hold)
      pending_.push_back(std::move(answer));
    else
      answer();
  }

  // Delivers every held answer.
  void release() {
    auto pending = std::move(pending_);
    pending_.clear();
    for (auto& fn : pending) fn();
  }
  std::size_t pending() const { return pending_.size(); }

 private:
  std::deque<std::function<void()>> pending_;
};

}  // namespace strike::test
