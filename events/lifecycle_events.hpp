// Lifecycle, configuration, journal, session clock, authentication and readiness events.
// Times are UTC nanoseconds since the epoch; dates are IST calendar dates "YYYY-MM-DD".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "events/fields.hpp"

namespace strike::events {

struct daemon_started {
  static constexpr std::string_view type_name = "DaemonStarted";
  std::string version;   // striked version
  std::int64_t pid = 0;  // process id
  std::string mode;      // "live", "paper" or "backtest"
  std::string strategy;  // strategy name from the config
  STRIKE_FIELDS(version, pid, mode, strategy)
  bool operator==(const daemon_started&) const = default;
};

struct config_loaded {
  static constexpr std::string_view type_name = "ConfigLoaded";
  std::string path;        // absolute path of the config file
  std::string sha256;      // hex digest of the file's bytes
  std::string durability;  // journal durability policy in force
  STRIKE_FIELDS(path, sha256, durability)
  bool operator==(const config_loaded&) const = default;
};

struct recovery_completed {
  static constexpr std::string_view type_name = "RecoveryCompleted";
  std::int64_t snapshot_seq = 0;    // seq covered by the snapshot loaded, 0 when none
  std::int64_t events_applied = 0;  // events replayed on top of the snapshot
  std::int64_t duration_ns = 0;     // wall time spent loading and replaying
  STRIKE_FIELDS(snapshot_seq, events_applied, duration_ns)
  bool operator==(const recovery_completed&) const = default;
};

struct journal_repaired {
  static constexpr std::string_view type_name = "JournalRepaired";
  std::string segment;         // file that was cut
  std::int64_t offset = 0;     // byte offset where the torn tail began
  std::int64_t bytes_cut = 0;  // bytes removed from the journal
  std::string saved_as;        // file that keeps the removed bytes
  std::string reason;          // why the tail was not a valid event
  STRIKE_FIELDS(segment, offset, bytes_cut, saved_as, reason)
  bool operator==(const journal_repaired&) const = default;
};

struct session_pre_open {
  static constexpr std::string_view type_name = "SessionPreOpen";
  std::string date;
  std::int64_t opens_at_ns = 0;  // start of the normal session
  STRIKE_FIELDS(date, opens_at_ns)
  bool operator==(const session_pre_open&) const = default;
};

struct session_opened {
  static constexpr std::string_view type_name = "SessionOpened";
  std::string date;
  std::int64_t closes_at_ns = 0;
  std::string expiry;            // nearest weekly expiry date
  std::int64_t days_to_expiry = 0;
  STRIKE_FIELDS(date, closes_at_ns, expiry, days_to_expiry)
  bool operator==(const session_opened&) const = default;
};

struct entry_window_changed {
  static constexpr std::string_view type_name = "EntryWindowChanged";
  std::string date;
  bool open = false;  // true when new entries become allowed
  STRIKE_FIELDS(date, open)
  bool operator==(const entry_window_changed&) const = default;
};

struct end_of_day_exit {
  static constexpr std::string_view type_name = "EndOfDayExit";
  std::string date;
  std::int64_t positions = 0;  // open positions to be exited
  STRIKE_FIELDS(date, positions)
  bool operator==(const end_of_day_exit&) const = default;
};

struct session_closed {
  static constexpr std::string_view type_name = "SessionClosed";
  std::string date;
  std::string next_session;  // date of the next trading day
  STRIKE_FIELDS(date, next_session)
  bool operator==(const session_closed&) const = default;
};

struct authenticated {
  static constexpr std::string_view type_name = "Authenticated";
  std::string broker;
  std::string method;  // "login", "refresh" or "stored"
  std::int64_t expires_at_ns = 0;
  STRIKE_FIELDS(broker, method, expires_at_ns)
  bool operator==(const authenticated&) const = default;
};

struct auth_failed {
  static constexpr std::string_view type_name = "AuthFailed";
  std::string broker;
  std::string method;
  std::string code;     // broker error code, e.g. "AB1050"
  std::string message;  // never contains a secret
  STRIKE_FIELDS(broker, method, code, message)
  bool operator==(const auth_failed&) const = default;
};

struct logged_out {
  static constexpr std::string_view type_name = "LoggedOut";
  std::string broker;
  std::string reason;  // "expired", "invalid_token", "logout"
  STRIKE_FIELDS(broker, reason)
  bool operator==(const logged_out&) const = default;
};

struct self_test_completed {
  static constexpr std::string_view type_name = "SelfTestCompleted";
  bool passed = false;
  std::string failed_check;  // empty when passed
  std::string detail;
  STRIKE_FIELDS(passed, failed_check, detail)
  bool operator==(const self_test_completed&) const = default;
};

}  // namespace strike::events
