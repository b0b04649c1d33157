// Named failure points compiled into production code, off by default, for fault tests.
//
// A probe armed with N fails its N-th hit from now (1 = the next one) and every hit after it,
// which models a disk that has gone bad. Tests arm probes through arm(); a process can be armed
// from the environment: STRIKE_FAILPOINTS="journal.fsync=3,journal.write=1".
#pragma once

#include <string_view>

namespace strike::base::probes {

enum class point {
  journal_write,
  journal_fsync,
  snapshot_write,
  order_after_send,  // the process dies after the broker took an order, before its answer is
                     // journaled
  reactor_stall,     // the daemon's reactor stops turning (a deadlock, a blocking call)
  token_file_write,  // the broker session's token file is not saved
  bar_file_write,    // a bar is not appended to its day's file
  count_
};

// True when this hit of p must fail. Costs one relaxed atomic load when nothing is armed.
bool hit(point p);

void arm(point p, long nth);
void disarm_all();

// Reads STRIKE_FAILPOINTS; unknown names are ignored.
void arm_from_environment();

}  // namespace strike::base::probes
