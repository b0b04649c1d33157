#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/session/session_tracker.hpp"
#include "daemon/config.hpp"
#include "daemon/holidays_file.hpp"
#include "tests/session/nse_calendar.hpp"

using namespace strike;
namespace ev = strike::events;
using core::civil_date;

namespace {

using test::nse;

std::int64_t at(civil_date d, int h, int m) {
  return core::ist_time_ns(d, h * 60 + m);
}

// "SessionOpened@09:15" for each transition.
std::vector<std::string> names(const std::vector<core::session_transition>& ts) {
  std::vector<std::string> out;
  for (const auto& t : ts) {
    std::string name(ev::type_names()[t.body.index()]);
    if (auto* w = std::get_if<ev::entry_window_changed>(&t.body))
      name += w->open ? "(open)" : "(closed)";
    const int minute = core::ist_minute_of_day(t.at_ns);
    out.push_back(name + "@" + core::format_minutes(minute));
  }
  return out;
}

const civil_date monday{2025, 10, 20};

}  // namespace

TEST_CASE("a whole trading day yields the six transitions in order") {
  const auto cal = nse();
  const auto ts = core::session_transitions(cal, at(monday, 0, 0), at(monday, 23, 59));
  CHECK(names(ts) == std::vector<std::string>{"SessionPreOpen@09:00", "SessionOpened@09:15",
                                              "EntryWindowChanged(open)@10:00",
                                              "EntryWindowChanged(closed)@15:00",
                                              "EndOfDayExit@15:20", "SessionClosed@15:30"});
  const auto& opened = std::get<ev::session_opened>(ts[1].body);
  CHECK(opened.date == "2025-10-20");
  CHECK(opened.expiry == "2025-10-20");  // Tuesday 21 Oct is Diwali
  CHECK(opened.days_to_expiry == 0);
  CHECK(opened.closes_at_ns == at(monday, 15, 30));
  CHECK(std::get<ev::session_pre_open>(ts[0].body).opens_at_ns == at(monday, 9, 15));
  // The next session skips the two Diwali holidays.
  CHECK(std::get<ev::session_closed>(ts[5].body).next_session == "2025-10-23");
}

TEST_CASE("the span is half-open: a transition at from is not repeated, one at to is reported") {
  const auto cal = nse();
  CHECK(names(core::session_transitions(cal, at(monday, 9, 15), at(monday, 10, 0))) ==
        std::vector<std::string>{"EntryWindowChanged(open)@10:00"});
  CHECK(core::session_transitions(cal, at(monday, 10, 0), at(monday, 10, 0)).empty());
  CHECK(core::session_transitions(cal, at(monday, 11, 0), at(monday, 10, 0)).empty());
}

TEST_CASE("holidays and weekends produce no transitions") {
  const auto cal = nse();
  CHECK(
      core::session_transitions(cal, at({2025, 10, 21}, 0, 0), at({2025, 10, 22}, 23, 0)).empty());
  CHECK(
      core::session_transitions(cal, at({2025, 10, 25}, 0, 0), at({2025, 10, 26}, 23, 0)).empty());
}

TEST_CASE("a restart mid-session reports what happened while the daemon was down") {
  const auto cal = nse();
  // Last journaled event at 09:10, back up at 10:05.
  CHECK(names(core::session_transitions(cal, at(monday, 9, 10), at(monday, 10, 5))) ==
        std::vector<std::string>{"SessionOpened@09:15", "EntryWindowChanged(open)@10:00"});
  // Down from Friday afternoon to Monday morning: Friday's close, then Monday's pre-open.
  CHECK(names(core::session_transitions(cal, at({2025, 10, 17}, 15, 25), at(monday, 9, 5))) ==
        std::vector<std::string>{"SessionClosed@15:30", "SessionPreOpen@09:00"});
}

TEST_CASE("a scaled clock that jumps a whole day in one step gets every transition") {
  const auto cal = nse();
  core::session_tracker tracker(cal, at({2025, 10, 16}, 20, 0));
  // Thursday evening to Monday evening in one heartbeat: Friday's six and Monday's six.
  const auto ts = tracker.advance_to(at(monday, 20, 0));
  REQUIRE(ts.size() == 12);
  CHECK(std::get<ev::session_pre_open>(ts[0].body).date == "2025-10-17");
  CHECK(std::get<ev::session_closed>(ts[11].body).date == "2025-10-20");
  for (std::size_t i = 1; i < ts.size(); ++i) CHECK(ts[i - 1].at_ns <= ts[i].at_ns);
}

TEST_CASE("the tracker reports each transition once and ignores a clock that steps back") {
  const auto cal = nse();
  core::session_tracker tracker(cal, at(monday, 9, 0) - 1);
  CHECK(tracker.advance_to(at(monday, 9, 0)).size() == 1);
  CHECK(tracker.advance_to(at(monday, 9, 0)).empty());
  CHECK(tracker.advance_to(at(monday, 8, 0)).empty());
  CHECK(tracker.checked_ns() == at(monday, 9, 0));
  CHECK(tracker.advance_to(at(monday, 9, 15)).size() == 1);
}

TEST_CASE("a span longer than a week is cut to its last week") {
  const auto cal = nse();
  const auto ts = core::session_transitions(cal, at({2025, 1, 1}, 0, 0), at(monday, 23, 0));
  // The week back from Monday 20 Oct 23:00 starts after Monday 13 Oct's close: 14..17 and 20 Oct.
  CHECK(ts.size() == 5 * 6);
  CHECK(std::get<ev::session_pre_open>(ts.front().body).date == "2025-10-14");
}

TEST_CASE("equal instants keep the documented order when the entry window closes at the exit") {
  daemon::session_section s;
  s.entry_end = 15 * 60 + 20;
  auto cal = daemon::make_session_calendar(s);
  REQUIRE(cal.ok());
  CHECK(names(core::session_transitions(*cal, at(monday, 15, 0), at(monday, 15, 20))) ==
        std::vector<std::string>{"EntryWindowChanged(closed)@15:20", "EndOfDayExit@15:20"});
}

TEST_CASE("a tracker asked every few seconds reports what one look over the span reports") {
  // Drivers ask before every tick; between transitions the tracker answers from its mark.
  const auto cal = nse();
  const std::int64_t from = at(monday, 0, 0);
  const std::int64_t to = at(civil_date{2025, 10, 24}, 23, 59);
  core::session_tracker often(cal, from);
  std::vector<core::session_transition> seen;
  std::int64_t asked_at_transition = 0;
  for (std::int64_t t = from + 7 * core::ns_per_s; t <= to; t += 7 * core::ns_per_s)
    for (auto& tr : often.advance_to(t)) {
      asked_at_transition += tr.at_ns <= t && tr.at_ns > t - 7 * core::ns_per_s;
      seen.push_back(std::move(tr));
    }
  const auto once = core::session_transitions(cal, from, often.checked_ns());
  CHECK(names(seen) == names(once));
  CHECK(seen.size() == once.size());
  // Each reported at the first look after its instant, none late.
  CHECK(asked_at_transition == static_cast<std::int64_t>(seen.size()));
}
