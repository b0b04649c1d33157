// `striked report A --compare B`: two journals of the same strategy side by side, typically a
// live or paper run and the backtest of the same days. Only the sessions both cover are
// compared, so that a longer backtest does not count days the other never traded.
//
// Trades are matched one to one within a session, by symbol (or instrument when a side lacks
// the symbol), the pairs with the nearest entry times first; whatever is left is listed as
// unmatched on its side.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "daemon/report/report_data.hpp"
#include "events/event.hpp"

namespace strike::daemon::report {

// Follows a journal's sessions: an event belongs to the session of the last SessionOpened
// before it, or to its own IST date when there has been none.
class session_tracker {
 public:
  // The session of e, e taken into account.
  const std::string& session_of(const events::event& e);

 private:
  std::string opened_;
  std::string current_;
};

// The sessions a journal covers: those it opened; when it opened none, the days its trades
// closed on.
class session_collector {
 public:
  void add(const events::event& e);
  std::set<std::string> result() const;

 private:
  session_tracker tracker_;
  std::set<std::string> opened_;
  std::set<std::string> traded_;
};

// Passes what a report of only the given sessions folds: the run's own header events always,
// every other event when its session is one of them.
class session_filter {
 public:
  explicit session_filter(std::set<std::string> sessions) : sessions_(std::move(sessions)) {}
  bool keep(const events::event& e);

 private:
  std::set<std::string> sessions_;
  session_tracker tracker_;
};

struct trade_pair {
  std::optional<std::size_t> primary;  // index into the primary's trades; empty: unmatched
  std::optional<std::size_t> other;
};

// Every trade of both, each in exactly one pair, ordered by session, then by entry time.
std::vector<trade_pair> match_trades(const std::vector<trade_row>& primary,
                                     const std::vector<trade_row>& other);

struct compared_run {
  std::string label;  // "live", "backtest" or the journal's directory name
  report_data data;   // folded from the shared sessions only
};

// The section's body: the shared sessions, both runs' statistics side by side and the matched
// trades with their price and P&L differences (primary minus other).
std::string compare_html(const compared_run& primary, const compared_run& other,
                         const std::set<std::string>& shared_sessions);

}  // namespace strike::daemon::report
