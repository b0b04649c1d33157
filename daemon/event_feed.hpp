// The newest journaled events, as the journal holds them, for the dashboard's live stream
// (GET /events). It takes each event as the bus delivers it, after it was journaled, and keeps
// the last few hundred; each client of the stream keeps its own place by sequence number.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "events/event.hpp"

namespace strike::core {
class bus;
}

namespace strike::daemon {

class event_feed {
 public:
  // Runs a function later, once the work under way is done (the daemon posts it to its reactor).
  using poster = std::function<void(std::function<void()>)>;

  // Subscribes to every event on bus, which must outlive the feed. With post, an event the ring
  // lets go of is released by a function posted with it, not while the bus delivers the event
  // that displaced it: an event hundreds of events old is out of the processor's caches, and
  // freeing it would cost the decision under way a microsecond or more.
  explicit event_feed(core::bus& bus, std::size_t keep = 500, poster post = {});

  // Server-sent events ("id: SEQ\ndata: {json}\n\n") of the kept events after seq `after` whose
  // type is one of types (all when empty); after moves on to the newest one looked at.
  std::string since(std::uint64_t& after, const std::vector<std::string>& types) const;

  // The seq from which the last n events of the given types follow.
  std::uint64_t start_for(std::size_t n, const std::vector<std::string>& types) const;

 private:
  // The event as published, a share of the one the bus and the journal hold; its JSON is
  // written when a client first asks for it, not on the thread that decides as it goes by.
  struct line {
    std::uint64_t seq = 0;
    std::string_view type;
    std::shared_ptr<const events::event> event;
    mutable std::string json;
  };
  // The last events kept, in a ring: a new event takes the place of the oldest. Shared with the
  // bus's handler, which may outlive the feed (the bus has no unsubscribe).
  struct ring {
    std::vector<line> lines;
    std::size_t first = 0;  // the oldest
    std::size_t count = 0;
    const line& operator[](std::size_t i) const { return lines[(first + i) % lines.size()]; }
    // Keeps e; returns the event it displaced, if any.
    std::shared_ptr<const events::event> push(const std::shared_ptr<const events::event>& e);

    poster post;
    std::vector<std::shared_ptr<const events::event>> retired;  // displaced, to be released
    bool release_posted = false;
  };
  std::shared_ptr<ring> ring_;
};

// The stream's filter from a query string: "type=OrderFilled,PositionOpened&n=50" gives the
// types and how many past events to start with (20 when absent, at most 500).
struct feed_query {
  std::vector<std::string> types;
  std::size_t backlog = 20;
};
feed_query parse_feed_query(std::string_view query);

}  // namespace strike::daemon
