// Session transitions as events. Given two clock readings, the transitions whose instants lie
// between them: SessionPreOpen, SessionOpened, EntryWindowChanged (open, then closed),
// EndOfDayExit and SessionClosed for every trading day in the span. Stateless over the span, so
// it works the same on the system clock, a scaled clock at any speed (one call may cover many
// transitions), a virtual clock in replay, and across a restart (from = the last journaled time).
#pragma once

#include <cstdint>
#include <vector>

#include "core/session/session_calendar.hpp"
#include "events/event.hpp"

namespace strike::core {

struct session_transition {
  std::int64_t at_ns = 0;  // when it happened by the calendar (not when it was noticed)
  events::payload body;    // one of the five session events
};

// Transitions with instants in (from_ns, to_ns], in time order; at one instant, in the order
// pre-open, opened, entry window opens, entry window closes, end-of-day exit, closed. Empty when
// to_ns <= from_ns. EndOfDayExit carries positions = 0: the caller knows how many are open.
// A span longer than max_span_days is cut to its last max_span_days (a daemon that was down
// for a month does not replay a month of sessions).
std::vector<session_transition> session_transitions(const session_calendar& calendar,
                                                    std::int64_t from_ns, std::int64_t to_ns);

inline constexpr int max_span_days = 7;

// Remembers where the last look ended, so each advance_to() reports only what is new.
// `calendar` must outlive the tracker.
class session_tracker {
 public:
  session_tracker(const session_calendar& calendar, std::int64_t start_ns)
      : calendar_(calendar), checked_ns_(start_ns) {}

  // Transitions in (last checked, now_ns]; a clock that reads earlier than last time yields
  // nothing and does not move the mark back.
  // Cheap until the next transition is due, so a driver may call it before every tick: a
  // market update then always sees the session state of its own instant.
  std::vector<session_transition> advance_to(std::int64_t now_ns);
  std::int64_t checked_ns() const { return checked_ns_; }

 private:
  const session_calendar& calendar_;
  std::int64_t checked_ns_;
  std::int64_t next_ns_ = 0;  // no transition lies in (checked_ns_, next_ns_)
};

}  // namespace strike::core
