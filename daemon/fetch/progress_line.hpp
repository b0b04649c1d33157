// The progress of `striked data fetch` on stderr: on a terminal one line that updates in
// place (requests done/total, percent, ETA); otherwise a plain line every few seconds, so a
// log file gets a steady trickle rather than one line per request. Quiet prints nothing.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "daemon/fetch/candle_fetch.hpp"

namespace strike::daemon::fetch {

class progress_line {
 public:
  progress_line(bool quiet, std::FILE* out);

  void operator()(const fetch_progress& p);
  // Ends the line: the last state printed once more if a plain line missed it.
  void finish();

 private:
  std::string text(const fetch_progress& p) const;

  bool quiet_;
  bool tty_;
  std::FILE* out_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point shown_{};
  fetch_progress last_{};
  bool pending_ = false;  // plain: last_ not printed yet; terminal: the line is still open
};

}  // namespace strike::daemon::fetch
