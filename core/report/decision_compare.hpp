// Decision replay: the decisions of two journals of the same market days — a live or paper run
// and the backtest of the bars it recorded — side by side, and the first place they part.
//
// Decisions are what the strategy and the position rules chose, not what the market paid:
// SignalRaised, EntryFiltered and entry OrderIntents, made on a bar's close, must agree in
// the minute of that close and their content (the instrument, the action or filter, the reason,
// the side and quantity). The close is the one of the BarClosed a decision names as its cause,
// so a bar the live run released late (held for a repair of its minutes) is still compared with
// the backtest's decision on it; a decision that names none is taken at the minute it was made.
// PositionExitTriggered must agree in instrument and reason, within
// `exit_tolerance_ns` of each other, since ticks and a replayed minute's open, low, high and
// close reach a stop at different seconds. A live run that began deciding later (started
// mid-session, or still starting up at the open) is compared from its first decision. Prices (fill,
// trigger, reference) and the measured values of filters are shown, never compared.
//
// Pure: feed each journal's events in order, then compare.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ist.hpp"
#include "events/event.hpp"

namespace strike::core::report {

struct decision {
  enum class kind { signal, filter, intent, exit };
  kind what = kind::signal;
  std::int64_t ts_ns = 0;   // when it was made
  std::string key;          // what must agree (beside the minute, or the tolerance for exits)
  std::string line;         // the event as journaled, for the report
  std::int64_t bar_ns = 0;  // the close of the bar it was made on (ts_ns for exits)
};

std::string_view to_string(decision::kind k);

// The decisions of one journal made on the days from..to (IST).
class decision_log {
 public:
  decision_log(civil_date from, civil_date to) : from_(from), to_(to) {}
  void add(const events::event& e);
  const std::vector<decision>& on_bars() const { return on_bars_; }
  const std::vector<decision>& exits() const { return exits_; }

 private:
  civil_date from_, to_;
  std::map<std::int64_t, std::int64_t> bar_closes_;  // BarClosed seq -> its nominal close
  std::vector<decision> on_bars_;                    // signals, filters and entry intents
  std::vector<decision> exits_;
};

struct divergence {
  std::int64_t ts_ns = 0;                  // the earlier of the two
  std::optional<decision> live, backtest;  // empty: that journal has nothing there
};

struct kind_count {
  std::int64_t live = 0, backtest = 0, matched = 0;
};

struct decision_comparison {
  kind_count signals, filters, intents, exits;
  std::int64_t from_ns = 0;              // the minute of the live run's first decision
  std::int64_t largest_exit_lag_ns = 0;  // among matched exits
  std::optional<divergence> first;       // empty when the decisions agree
};

decision_comparison compare_decisions(const decision_log& live, const decision_log& backtest,
                                      std::int64_t exit_tolerance_ns);

// A human report: the counts, the largest exit lag, and the first divergence with both events.
std::string describe(const decision_comparison& c);

}  // namespace strike::core::report
