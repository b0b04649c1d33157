// systemd's notification protocol (sd_notify). Every call is a no-op when the process was not
// started by systemd with NOTIFY_SOCKET set.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace strike::daemon::systemd {

void ready();
void stopping();
void status(std::string_view text);
void watchdog();
// The watchdog interval systemd expects pings within, when WatchdogSec is set.
std::optional<std::chrono::microseconds> watchdog_interval();

}  // namespace strike::daemon::systemd
