// Exit rules for an open position, evaluated on every price: stop loss on the premium,
// trailing stop, optional target and optional break-even move. Pure: the caller journals what
// it decides (StopAdjusted, PositionExitTriggered).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace strike::core::trading {

struct exit_config {
  std::int64_t stop_loss_bps = 2000;      // initial stop 20 % below entry (above, for a short)
  std::int64_t trail_activate_bps = 200;  // trailing starts once price is 2 % beyond entry
  std::int64_t trail_bps = 150;           // and then trails 1.5 % behind the best price
  std::int64_t target_bps = 0;            // take profit this far beyond entry; 0 = none
  std::int64_t break_even_bps = 0;        // move the stop to entry once this far; 0 = never
  // A stop-loss order rests at the broker for the whole position at its stop, so the position is
  // protected while the daemon is down; it follows the trailing stop and break-even moves.
  bool broker_stop = false;
  bool broker_stop_limit = false;            // SL-limit rather than SL-market
  std::int64_t broker_stop_limit_bps = 200;  // an SL-limit's limit this far beyond its trigger
  // When the engine itself sees the stop hit, the resting stop has this long to fill before it
  // is cancelled and the position exited by the ladder.
  std::int64_t broker_stop_grace_ns = 3'000'000'000;
};

// What the rules need to know about a position.
struct exit_inputs {
  std::int64_t qty = 0;  // signed: positive long
  std::int64_t entry_paise = 0;
  std::int64_t stop_paise = 0;
  std::int64_t best_paise = 0;  // highest price since entry (lowest, for a short)
  std::int64_t target_paise = 0;
  bool trailing = false;
  bool break_even = false;
  std::int64_t tick_paise = 5;
};

struct stop_change {
  std::int64_t stop_paise = 0;
  std::int64_t best_paise = 0;
  std::string reason;  // "trail_activated", "trail" or "break_even"
};

struct exit_verdict {
  std::optional<stop_change> adjust;  // the stop moved by at least one tick
  std::string
      exit_reason;  // empty: hold; else "stop_loss", "trailing_stop", "break_even", "target"
};

// Initial stop and target for an entry at entry_paise.
std::int64_t initial_stop(const exit_config& c, std::int64_t qty, std::int64_t entry_paise,
                          std::int64_t tick);
std::int64_t initial_target(const exit_config& c, std::int64_t qty, std::int64_t entry_paise,
                            std::int64_t tick);

// Applies one price to the position's rules. The caller updates best_paise itself from
// adjust (journaled) — between adjustments the best price is tracked in memory only.
exit_verdict evaluate_exit(const exit_config& c, const exit_inputs& p, std::int64_t price);

}  // namespace strike::core::trading
