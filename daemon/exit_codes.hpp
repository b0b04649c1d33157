// Process exit codes, so systemd and scripts can tell failures apart.
#pragma once

namespace strike::daemon::exit_code {

inline constexpr int ok = 0;
inline constexpr int failure = 1;         // a tool found a problem (e.g. verify found damage)
inline constexpr int usage = 2;           // bad command line or bad config: fix and retry
inline constexpr int journal_damaged = 3; // the journal needs a person before the daemon starts
inline constexpr int journal_failed = 4;  // a write or fsync failed while running
inline constexpr int not_flat = 5;        // stopped with positions still open (the flatten timed out)

}  // namespace strike::daemon::exit_code
