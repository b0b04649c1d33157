// The idempotency keys already journaled, so an event carrying one is never applied twice.
//
// Keys are remembered for retention_ns after the event that carried them; forget_before() is
// called by the fold at each session open, so pruning is itself a pure function of the journal
// and replay from any point yields the same set.
//
// Replay inserts one key per keyed event into a set of a week's keys, so the set is flat: the
// key bytes sit end to end in one buffer, and an open-addressing table of slots finds them.
// Inserting a new key allocates nothing once the buffers have grown.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace strike::core {

class idempotency_keys {
 public:
  static constexpr std::int64_t retention_ns = 7LL * 24 * 3600 * 1'000'000'000;

  bool contains(std::string_view key) const;
  // A key already present keeps the ts it was first inserted with.
  void insert(std::string_view key, std::int64_t ts);
  // Forgets the keys whose ts is before `ts`; the rest keep their insertion order.
  void forget_before(std::int64_t ts);
  std::size_t size() const { return entries_.size(); }
  // Makes room for n keys in all, so that inserting up to n grows no buffer and rebuilds no
  // table (an insert that does costs a copy of them all).
  void reserve(std::size_t n);
  // How many keys fit before an insert grows the entries or rebuilds the table.
  std::size_t room() const { return std::min(entries_.capacity(), slots_.size() / 2); }

  // Calls f(key, ts) for every key, in insertion order (not a canonical order: snapshots sort).
  template <class F>
  void for_each(F&& f) const {
    for (const auto& e : entries_) f(key_of(e), e.ts);
  }

  // Equal as sets of (key, ts), whatever the insertion order.
  bool operator==(const idempotency_keys& other) const;

 private:
  struct entry {
    std::uint64_t offset = 0;  // into bytes_
    std::uint32_t size = 0;
    std::uint32_t hash = 0;  // low bits of the key's hash: a slot's home and its fingerprint
    std::int64_t ts = 0;
  };
  // A slot is empty (0) or holds an entry's hash in its high half and its index + 1 in its low
  // half, so most probes are settled without reading the entry or its bytes.
  using slot = std::uint64_t;

  std::string_view key_of(const entry& e) const { return {bytes_.data() + e.offset, e.size}; }
  // The entry holding `key`, or entries_.size().
  std::size_t find(std::string_view key, std::uint32_t hash) const;
  void place(std::uint32_t hash, std::size_t index);
  void rebuild_slots(std::size_t capacity);

  std::string bytes_;
  std::vector<entry> entries_;
  std::vector<slot> slots_;  // a power of two in size, at most half full
};

}  // namespace strike::core
