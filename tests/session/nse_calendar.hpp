// The NSE calendar a daemon builds from a config without a [session] section.
#pragma once

#include <doctest/doctest.h>

#include <utility>

#include "daemon/holidays_file.hpp"

namespace strike::test {

inline core::session_calendar nse() {
  auto cal = daemon::make_session_calendar(daemon::session_section{});
  REQUIRE(cal.ok());
  return std::move(*cal);
}

}  // namespace strike::test
