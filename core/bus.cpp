#include "core/bus.hpp"

#include <cassert>
#include <exception>
#include <utility>

namespace strike::core {

bus::bus(journal_port& journal, const clock& clock, idempotency_keys& keys)
    : journal_(journal), clock_(clock), keys_(keys) {}

result<std::int64_t> bus::publish(events::payload body, publish_options options) {
  if (!options.key.empty() && keys_.contains(options.key)) {
    ++stats_.duplicates_dropped;
    return std::int64_t{0};
  }
  if (queue_.size() >= max_queued)
    return error{"bus: " + std::to_string(queue_.size()) + " deliveries queued; publish cascade"};

  auto e = std::make_shared<events::event>(
      events::envelope{journal_.last_seq() + 1, clock_.now_ns(), std::move(options.key),
                       options.cause, std::move(options.corr)},
      std::move(body));
  if (auto s = journal_.append_shared(e); !s) {
    ++stats_.journal_errors;
    return s.error();
  }
  if (!e->env.key.empty()) keys_.insert(e->env.key, e->env.ts);
  ++stats_.published;
  const std::int64_t seq = e->env.seq;
  queue_.push_back(std::move(e));
  if (fold_.fn) {
    // Queued first, so that an error the fold raises is delivered after the event it is about.
    const bool draining = std::exchange(draining_, true);
    deliver(fold_, *queue_.back());
    draining_ = draining;
  }
  if (!draining_) drain();
  return seq;
}

void bus::drain() {
  draining_ = true;
  while (!queue_.empty()) {
    // Deliver from the front while it stays in place: publishes during delivery go to the back.
    const events::event& e = *queue_.front();
    for (const auto& sub : all_)
      if (sub.types.test(e.type_index())) deliver(sub, e);
    for (const auto& sub : typed_[e.type_index()]) deliver(sub, e);
    queue_.pop_front();
  }
  draining_ = false;
}

void bus::deliver(const subscriber& sub, const events::event& e) {
  std::string what;
  try {
    sub.fn(e);
    return;
  } catch (const std::exception& ex) {
    what = ex.what();
  } catch (...) {
    what = "unknown exception";
  }
  ++stats_.subscriber_errors;
  // An error while handling an error event is not reported again, so a broken error handler
  // cannot loop.
  if (std::holds_alternative<events::error_raised>(e.body)) return;
  (void)publish(
      events::error_raised{"bus", "subscriber_threw",
                           "subscriber '" + sub.name + "' threw on " + std::string(e.type_name()) +
                               " seq " + std::to_string(e.env.seq) + ": " + what},
      publish_options{{}, e.env.seq, e.env.corr});
}

void bus::fold_with(handler fn) {
  fold_ = {"state", std::move(fn)};
}

void bus::subscribe_all(std::string name, handler fn, type_set types) {
  all_.push_back({std::move(name), std::move(fn), types});
}

void bus::subscribe_all_shared(std::string name, shared_handler fn) {
  // Subscribers are delivered the front of the queue (drain()): the share is taken there.
  all_.push_back({std::move(name), [this, fn = std::move(fn)](const events::event& e) {
                    assert(&e == queue_.front().get());
                    (void)e;
                    fn(queue_.front());
                  }});
}

}  // namespace strike::core
