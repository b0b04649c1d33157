// A fixed-capacity ring of bars for one (instrument, timeframe): the newest `capacity` bars in
// memory. push() is O(1) and never allocates; last(n) is O(1) and copies nothing: it returns
// the bars as at most two contiguous spans (the ring may wrap) with random access over both.
#pragma once

#include <cassert>
#include <cstddef>
#include <iterator>
#include <memory>
#include <span>

#include "core/market/bar.hpp"

namespace strike::storage {

using core::market::bar;

// A read-only window onto a ring: `first` then `second`, oldest first. Valid until the next
// push to the ring it came from.
class bar_view {
 public:
  class iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = bar;
    using difference_type = std::ptrdiff_t;
    using pointer = const bar*;
    using reference = const bar&;

    iterator() = default;
    iterator(const bar_view* v, std::size_t i) : view_(v), i_(i) {}
    reference operator*() const { return (*view_)[i_]; }
    pointer operator->() const { return &(*view_)[i_]; }
    reference operator[](difference_type n) const {
      return (*view_)[i_ + static_cast<std::size_t>(n)];
    }
    iterator& operator++() { return ++i_, *this; }
    iterator operator++(int) { return {view_, i_++}; }
    iterator& operator--() { return --i_, *this; }
    iterator operator--(int) { return {view_, i_--}; }
    iterator& operator+=(difference_type n) { return i_ += static_cast<std::size_t>(n), *this; }
    iterator& operator-=(difference_type n) { return i_ -= static_cast<std::size_t>(n), *this; }
    friend iterator operator+(iterator it, difference_type n) { return it += n; }
    friend iterator operator+(difference_type n, iterator it) { return it += n; }
    friend iterator operator-(iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const iterator& a, const iterator& b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }
    friend auto operator<=>(const iterator& a, const iterator& b) { return a.i_ <=> b.i_; }

   private:
    const bar_view* view_ = nullptr;
    std::size_t i_ = 0;
  };

  bar_view() = default;
  bar_view(std::span<const bar> first, std::span<const bar> second)
      : first_(first), second_(second) {}

  std::size_t size() const { return first_.size() + second_.size(); }
  bool empty() const { return size() == 0; }
  // i = 0 is the oldest bar of the view.
  const bar& operator[](std::size_t i) const {
    assert(i < size());
    return i < first_.size() ? first_[i] : second_[i - first_.size()];
  }
  const bar& front() const { return (*this)[0]; }
  const bar& back() const { return (*this)[size() - 1]; }
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, size()}; }
  std::span<const bar> first() const { return first_; }
  std::span<const bar> second() const { return second_; }

 private:
  std::span<const bar> first_;
  std::span<const bar> second_;
};

class bar_ring {
 public:
  // Allocates capacity bars once; capacity must be > 0.
  explicit bar_ring(std::size_t capacity)
      : slots_(std::make_unique<bar[]>(capacity)), capacity_(capacity) {
    assert(capacity > 0);
  }

  // Appends b, dropping the oldest bar when full. Bars must come in start order: a bar that
  // does not start after the newest one is refused (false) and changes nothing.
  bool push(const bar& b) {
    if (size_ > 0 && b.start_ns <= back().start_ns) return false;
    slots_[head_] = b;
    head_ = head_ + 1 == capacity_ ? 0 : head_ + 1;
    if (size_ < capacity_) ++size_;
    return true;
  }

  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  const bar& back() const {
    assert(size_ > 0);
    return slots_[head_ == 0 ? capacity_ - 1 : head_ - 1];
  }

  // The newest n bars (all when n >= size()), oldest first.
  bar_view last(std::size_t n) const {
    n = n < size_ ? n : size_;
    // Physical index of the oldest bar wanted.
    const std::size_t from = (head_ + capacity_ - n) % capacity_;
    if (from + n <= capacity_) return {std::span<const bar>(&slots_[from], n), {}};
    const std::size_t tail = capacity_ - from;
    return {std::span<const bar>(&slots_[from], tail), std::span<const bar>(&slots_[0], n - tail)};
  }
  bar_view all() const { return last(size_); }

 private:
  std::unique_ptr<bar[]> slots_;
  std::size_t capacity_;
  std::size_t head_ = 0;  // next slot to write
  std::size_t size_ = 0;
};

}  // namespace strike::storage
