#include "daemon/optimize/progress.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>

namespace strike::daemon::optimize {

progress::progress(std::string what, std::int64_t total, bool quiet)
    : what_(std::move(what)),
      total_(total),
      quiet_(quiet),
      tty_(isatty(STDERR_FILENO) != 0),
      started_(std::chrono::steady_clock::now()),
      shown_(started_) {}

void progress::update(std::int64_t done, const std::string& best) {
  const auto now = std::chrono::steady_clock::now();
  if (quiet_ || (done != total_ && now - shown_ < std::chrono::seconds(tty_ ? 0 : 5))) return;
  shown_ = now;
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  std::fprintf(stderr, "%s%s: %lld/%lld trials, best %s, %.2f trials/s, ETA %.0f s%s",
               tty_ ? "\r" : "", what_.c_str(), static_cast<long long>(done),
               static_cast<long long>(total_), best.c_str(), rate,
               rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0,
               tty_ && done != total_ ? "" : "\n");
}

std::int64_t peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace strike::daemon::optimize
