// The idempotency keys already journaled, so an event carrying one is never applied twice.
//
// Keys are remembered for retention_ns after the event that carried them; forget_before() is
// called by the fold at each session open, so pruning is itself a pure function of the journal
// and replay from any point yields the same set.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <functional>
#include <unordered_map>

namespace strike::core {

class idempotency_keys {
 public:
  static constexpr std::int64_t retention_ns = 7LL * 24 * 3600 * 1'000'000'000;

  bool contains(std::string_view key) const { return keys_.find(key) != keys_.end(); }
  void insert(std::string_view key, std::int64_t ts) { keys_.try_emplace(std::string(key), ts); }
  void forget_before(std::int64_t ts);
  std::size_t size() const { return keys_.size(); }

  // Keys with the ts of their event, for snapshots.
  struct hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using map = std::unordered_map<std::string, std::int64_t, hash, std::equal_to<>>;
  const map& entries() const { return keys_; }

  bool operator==(const idempotency_keys&) const = default;

 private:
  map keys_;
};

}  // namespace strike::core
