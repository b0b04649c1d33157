#include "daemon/fetch/progress_line.hpp"

#include <unistd.h>

namespace strike::daemon::fetch {

namespace {
constexpr auto plain_every = std::chrono::seconds(5);
}

progress_line::progress_line(bool quiet, std::FILE* out)
    : quiet_(quiet), tty_(isatty(fileno(out)) != 0), out_(out) {}

std::string progress_line::text(const fetch_progress& p) const {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  char eta[32] = "";
  if (p.done > 0 && p.done < p.total)
    std::snprintf(eta, sizeof eta, ", ETA %.0f s", elapsed * (p.total - p.done) / p.done);
  char line[160];
  std::snprintf(line, sizeof line,
                "striked data fetch: %.*s %d/%d requests (%.0f %%), %d days written%s",
                static_cast<int>(p.phase.size()), p.phase.data(), p.done, p.total,
                p.total > 0 ? 100.0 * p.done / p.total : 100.0, p.days_written, eta);
  return line;
}

void progress_line::operator()(const fetch_progress& p) {
  if (quiet_) return;
  last_ = p;
  pending_ = true;
  const auto now = std::chrono::steady_clock::now();
  if (!tty_ && now - shown_ < plain_every) return;
  // On a terminal \r rewrites the line and \033[K clears what a longer one left behind.
  std::fprintf(out_, tty_ ? "\r%s\033[K" : "%s\n", text(p).c_str());
  std::fflush(out_);
  shown_ = now;
  pending_ = tty_;  // a terminal's line stays open until finish()
}

void progress_line::finish() {
  if (quiet_ || !pending_) return;
  if (tty_)
    std::fputs("\n", out_);
  else
    std::fprintf(out_, "%s\n", text(last_).c_str());
  std::fflush(out_);
  pending_ = false;
}

}  // namespace strike::daemon::fetch
