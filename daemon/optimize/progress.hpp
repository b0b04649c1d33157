// How far an optimisation has come, on stderr: trials done of all, the best so far, trials a
// second and the time left. On a terminal one line rewritten in place; otherwise (a log, a
// batch job's output) a line every few seconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace strike::daemon::optimize {

class progress {
 public:
  progress(std::string what, std::int64_t total, bool quiet);
  void update(std::int64_t done, const std::string& best);

 private:
  std::string what_;
  std::int64_t total_;
  bool quiet_;
  bool tty_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point shown_;
};

// The most memory the process has held so far, in KiB.
std::int64_t peak_rss_kb();

}  // namespace strike::daemon::optimize
