// What a SmartStream connection is subscribed to, the subscribe/unsubscribe messages that say
// so, and which ticks are new.
//
// One mode per instrument (the docs' advice): subscribing an instrument again in another mode
// unsubscribes the old mode first. At most max_subscriptions instruments (the server's limit
// per connection is 1000 (token, mode) pairs).
//
// New ticks: per instrument, a tick is new when its sequence number is greater than the last
// accepted one of the same IST exchange date, or when its exchange date is later. Index ticks
// (exchange_types.hpp: is_index) carry meaningless sequence numbers and are ordered by exchange
// time instead. So the same tick arriving twice — the server's snapshot after a resubscribe,
// a duplicated frame — is delivered once, and a daily sequence reset is not mistaken for old
// data.
//
// admit() allocates nothing: instruments are looked up by a key built on the stack.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.hpp"
#include "brokers/feeds.hpp"

namespace strike::brokers::angelone::smartstream {

inline constexpr std::size_t max_subscriptions = 1000;

class subscriptions {
 public:
  // Records instruments in mode and appends the messages that make it so on a live
  // connection. Nothing changes when any instrument is unusable or the limit would be passed.
  status add(std::span<const std::string> instruments, feed_mode mode,
             std::vector<std::string>& messages);
  // Forgets instruments (unknown ones are ignored) and appends the unsubscribe messages.
  status remove(std::span<const std::string> instruments, std::vector<std::string>& messages);
  // The messages that subscribe everything recorded, for a new connection.
  std::vector<std::string> restore();

  enum class verdict { fresh, duplicate, unsubscribed };
  // Whether t is new for its instrument; remembers it when it is.
  verdict admit(const market_tick& t);

  std::size_t size() const { return entries_.size(); }
  // "NFO:58784" for a tick's (exchange type, token); empty when not subscribed.
  std::string_view instrument_of(std::uint8_t exchange_type, std::string_view token) const;

 private:
  struct entry {
    std::string instrument;  // "NFO:58784"
    std::string token;
    std::uint8_t exchange_type = 0;
    feed_mode mode = feed_mode::ltp;
    bool index = false;
    std::int64_t last_day = -1;   // IST days since the epoch of the last accepted tick
    std::int64_t last_order = 0;  // its sequence number (or exchange time for an index)
  };
  struct key_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view k) const { return std::hash<std::string_view>{}(k); }
  };
  using table = std::unordered_map<std::string, entry, key_hash, std::equal_to<>>;

  std::string message(int action, feed_mode mode, const std::vector<const entry*>& list);
  table::iterator find(std::uint8_t exchange_type, std::string_view token);
  table::const_iterator find(std::uint8_t exchange_type, std::string_view token) const;

  table entries_;  // by key: exchange type byte followed by the token
  std::uint64_t correlation_ = 0;
};

}  // namespace strike::brokers::angelone::smartstream
