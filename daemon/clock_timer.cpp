#include "daemon/clock_timer.hpp"

#include <algorithm>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <chrono>

namespace strike::daemon {

void virtual_time::add(clock_timer* t, std::int64_t deadline) {
  waiting_.push_back({deadline, next_order_++, t});
}

void virtual_time::remove(clock_timer* t) {
  std::erase_if(waiting_, [t](const entry& e) { return e.timer == t; });
}

std::int64_t virtual_time::next_deadline() const {
  std::int64_t best = -1;
  for (const auto& e : waiting_)
    if (best < 0 || e.deadline < best) best = e.deadline;
  return best;
}

void virtual_time::advance_to(std::int64_t t) {
  for (;;) {
    auto due =
        std::min_element(waiting_.begin(), waiting_.end(), [](const entry& a, const entry& b) {
          return a.deadline != b.deadline ? a.deadline < b.deadline : a.order < b.order;
        });
    if (due == waiting_.end() || due->deadline > t) break;
    clock_timer* timer = due->timer;
    clock_.advance_to(due->deadline);
    waiting_.erase(due);
    timer->fire({});
  }
  clock_.advance_to(t);
}

clock_timer::clock_timer(boost::asio::io_context& io, const core::clock& clock)
    : io_(io), clock_(clock), steady_(io), self_(std::make_shared<clock_timer*>(this)) {}

clock_timer::clock_timer(boost::asio::io_context& io, virtual_time& time)
    : io_(io),
      clock_(time.clock()),
      virtual_(&time),
      steady_(io),
      self_(std::make_shared<clock_timer*>(this)) {}

clock_timer::~clock_timer() {
  (void)cancel();
  self_.reset();
}

std::int64_t clock_timer::now_ns() const {
  return clock_.now_ns();
}

void clock_timer::async_wait_for(std::int64_t dt, handler h) {
  async_wait_until(clock_.now_ns() + dt, std::move(h));
}

void clock_timer::async_wait_until(std::int64_t t, handler h) {
  (void)cancel();
  deadline_ = t;
  handler_ = std::move(h);
  ++generation_;
  if (virtual_) {
    if (clock_.now_ns() >= t) {
      // Already due: complete through the reactor, as a real timer would.
      boost::asio::post(io_, [self = std::weak_ptr(self_), gen = generation_] {
        auto alive = self.lock();
        if (alive && gen == (*alive)->generation_ && (*alive)->handler_) (*alive)->fire({});
      });
      return;
    }
    virtual_->add(this, t);
    return;
  }
  arm_real();
}

void clock_timer::arm_real() {
  const std::int64_t wait = std::max<std::int64_t>(0, clock_.real_ns_until(deadline_));
  steady_.expires_after(std::chrono::nanoseconds(wait));
  steady_.async_wait(
      [self = std::weak_ptr(self_), gen = generation_](boost::system::error_code ec) {
        // A destroyed, cancelled or superseded wait: its handler was already handed
        // operation_aborted.
        auto alive = self.lock();
        if (!alive || ec == boost::asio::error::operation_aborted || gen != (*alive)->generation_)
          return;
        clock_timer& t = **alive;
        if (!ec && t.clock_.now_ns() < t.deadline_) return t.arm_real();
        t.fire(ec);
      });
}

bool clock_timer::cancel() {
  if (!handler_) return false;
  ++generation_;
  if (virtual_) virtual_->remove(this);
  steady_.cancel();
  boost::asio::post(io_, [h = std::move(handler_)] { h(boost::asio::error::operation_aborted); });
  handler_ = nullptr;
  return true;
}

void clock_timer::fire(boost::system::error_code ec) {
  handler h = std::move(handler_);
  handler_ = nullptr;
  ++generation_;
  if (h) h(ec);
}

}  // namespace strike::daemon
