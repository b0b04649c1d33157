// Walk-forward optimisation: the sweep optimised on a training window of sessions, the best
// trial then traded on the sessions that follow it, window after window. The test windows
// stitched together are the out-of-sample record, the only figures that were not chosen by
// looking at them; the training windows' best figures stand beside them for comparison.
//
// Rolling windows move the training window forward by the test length; anchored windows keep
// its start at the first session and let it grow.
#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/ist.hpp"
#include "core/session/session_calendar.hpp"
#include "daemon/optimize/sweep_run.hpp"

namespace strike::daemon::optimize {

struct walk_forward_spec {
  int train = 0;  // sessions
  int test = 0;
  bool anchored = false;
};

// "TRAIN:TEST" or "TRAIN:TEST:anchored", in sessions.
result<walk_forward_spec> parse_walk_forward(const std::string& text);

struct walk_window {
  std::vector<core::civil_date> train;  // its sessions
  std::vector<core::civil_date> test;
};

// The windows over sessions (oldest first); the last test window may be shorter. An error when
// the sessions are too few for one training window and one test session.
result<std::vector<walk_window>> walk_windows(const std::vector<core::civil_date>& sessions,
                                              const walk_forward_spec& spec);

// Writes window-K/ (the training window's results.jsonl, best.toml, summary.json),
// walk_forward.jsonl (a line per window: its dates, the trial chosen, its in-sample and
// out-of-sample results), equity.csv (the out-of-sample net P&L and equity by session) and
// summary.json (the out-of-sample statistics, in-sample beside them) to r.out.
status run_walk_forward(const sweep_run& r, const walk_forward_spec& spec,
                        const core::session_calendar& calendar, std::int64_t capital_paise);

}  // namespace strike::daemon::optimize
