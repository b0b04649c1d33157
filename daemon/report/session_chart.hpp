// The chart of a journal of one session: the index and the traded options' prices over the
// day, each trade's entry and exit marked on its option, and India VIX below on the same time
// axis. A journal of more sessions than one gets none (its equity chart is the overview).
//
// The index and VIX come from their BarClosed events (VIX also from the breaker's events); an
// option's line from its bars when the configuration journals them, else from what the trade
// events say of its price: the entry fill, the exit trigger and the exit fill.
#pragma once

#include <string>

#include "daemon/report/report_data.hpp"

namespace strike::daemon::report {

// True when the journal holds exactly one session, or trades without any SessionOpened on one
// day.
bool single_session(const report_data& d);

// The section's body: the index and option chart, then the VIX chart; notes in place of what
// the journal does not hold.
std::string session_charts(const report_data& d);

}  // namespace strike::daemon::report
