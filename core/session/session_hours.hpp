// The shape of an NSE trading day, as IST minutes after midnight. The exchange fixes pre-open,
// open and close; the entry window and the end-of-day exit are ours (config [session]).
#pragma once

#include <string>

namespace strike::core {

struct session_hours {
  int pre_open = 9 * 60;        // 09:00 pre-open order entry begins
  int open = 9 * 60 + 15;       // 09:15 normal market opens; the first bar starts here
  int entry_start = 10 * 60;    // 10:00 new entries allowed from here ...
  int entry_end = 15 * 60;      // 15:00 ... until here
  int eod_exit = 15 * 60 + 20;  // 15:20 every position is exited
  int close = 15 * 60 + 30;     // 15:30 normal market closes; the last bar ends here
  bool operator==(const session_hours&) const = default;
};

// Empty when the times are in order (pre_open <= open <= entry_start < entry_end <= eod_exit
// <= close, all within the day); otherwise what is wrong, in words.
std::string check(const session_hours& h);

// "09:15" for 555.
std::string format_minutes(int minutes);

}  // namespace strike::core
