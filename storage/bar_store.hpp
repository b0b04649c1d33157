// The in-memory bar store: one bar_ring per (instrument, timeframe), all of the same capacity
// (config [market] bar_capacity, default 500). An instrument's five rings are allocated
// together the first time a bar of it arrives; after that, appending and reading are O(1) and
// allocate nothing. Reads are zero-copy views (bar_ring::last), valid until the next append to
// that ring. Single-threaded: the reactor owns it.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "events/enums.hpp"
#include "storage/bar_ring.hpp"

namespace strike::storage {

inline constexpr std::size_t timeframe_count = 5;

class bar_store {
 public:
  // One instrument's rings, indexed by events::timeframe.
  class series {
   public:
    explicit series(std::size_t capacity);
    bar_ring& ring(events::timeframe tf) { return rings_[static_cast<std::size_t>(tf)]; }
    const bar_ring& ring(events::timeframe tf) const {
      return rings_[static_cast<std::size_t>(tf)];
    }

   private:
    std::array<bar_ring, timeframe_count> rings_;
  };

  explicit bar_store(std::size_t capacity = 500) : capacity_(capacity) {}

  // The instrument's series, created (five rings allocated) on first use. The reference stays
  // valid for the store's life: hot paths keep it and skip the lookup.
  series& of(std::string_view instrument);
  // The instrument's series, or null when no bar of it was ever appended.
  const series* find(std::string_view instrument) const;

  // Appends a closed bar; false (and nothing changes) when it does not start after the newest
  // bar of its series.
  bool append(std::string_view instrument, events::timeframe tf, const bar& b) {
    return of(instrument).ring(tf).push(b);
  }
  // The newest n bars of a series (fewer when it has fewer; empty when unknown).
  bar_view last(std::string_view instrument, events::timeframe tf, std::size_t n) const;

  std::size_t capacity() const { return capacity_; }
  std::size_t instruments() const { return series_.size(); }
  std::vector<std::string> instrument_names() const;
  // Bytes this store owns per instrument: the series object and its five rings' slots.
  std::size_t bytes_per_instrument() const;

 private:
  struct name_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  std::size_t capacity_;
  std::unordered_map<std::string, std::unique_ptr<series>, name_hash, std::equal_to<>> series_;
};

}  // namespace strike::storage
