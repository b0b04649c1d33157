// The strategy interface. One interface for live, paper and backtest: a strategy sees closed
// bars, ticks and order events, reads the journaled state and the latest quotes, and answers
// with decisions — entries, exits, signals and the filter rejections that explain a
// non-decision. It never talks to a broker, a clock or a file: time arrives with each callback,
// and the strategy runner turns its decisions into journaled events.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/market/bar.hpp"
#include "core/state.hpp"
#include "core/trading/quote.hpp"
#include "core/trading/trading_engine.hpp"
#include "events/event.hpp"

namespace strike::core::strategy {

// One listed option, without any broker's vocabulary.
struct option_contract {
  std::string instrument;  // "NFO:<token>"
  std::string symbol;      // trading symbol
  std::string expiry;      // IST date "YYYY-MM-DD"
  std::int64_t strike_paise = 0;
  bool call = true;
  std::int64_t lot_size = 0;
  std::int64_t tick_paise = 5;
};

// The options a strategy may trade, from the broker's instrument master.
class option_chain {
 public:
  virtual ~option_chain() = default;
  // The first `most` weekly (and monthly) expiries of `underlying` (e.g. "NIFTY") on or after
  // from_date, ascending. A decision needs the nearest one or two, not the year's list.
  virtual std::vector<std::string> expiries(std::string_view underlying, std::string_view from_date,
                                            std::size_t most) const = 0;
  // The listed contract whose strike is nearest strike_paise (the lower one on a tie).
  virtual std::optional<option_contract> nearest(std::string_view underlying,
                                                 std::string_view expiry, std::int64_t strike_paise,
                                                 bool call) const = 0;
};

// What a strategy may read while deciding.
struct snapshot {
  const core::state& state;            // journaled: session, positions, orders, risk, today
  const trading::market_view& market;  // latest quotes, live
  const option_chain* options;         // null until the instrument master is loaded
  std::int64_t now_ns = 0;             // time of the bar close or tick being handled
  // The configured instance deciding ([[strategies]] name). Its orders carry this name in
  // order_record::strategy, its positions in position_record::strategy: what is "ours".
  std::string_view instance;
};

// The basis of an entry decided on a bar: "<timeframe>:<bar start, ns>". One decision, one
// basis, one order key.
inline std::string bar_basis(events::timeframe tf, std::int64_t start_ns) {
  std::string basis(events::to_string(tf));
  char digits[24];
  basis.push_back(':');
  basis.append(digits, std::to_chars(digits, digits + sizeof digits, start_ns).ptr);
  return basis;
}

struct exit_request {
  std::string instrument;  // the contract: the instance's own position in it is exited
  std::string reason;
};

// A strategy's answer to one callback.
struct decisions {
  std::vector<trading::entry_intent> entries;
  std::vector<exit_request> exits;
  std::vector<events::signal_raised> signals;
  std::vector<events::entry_filtered> filtered;
  bool empty() const {
    return entries.empty() && exits.empty() && signals.empty() && filtered.empty();
  }
  // Empties every list and keeps its storage, for a caller that reuses one decisions.
  void clear() {
    entries.clear();
    exits.clear();
    signals.clear();
    filtered.clear();
  }
};

class strategy {
 public:
  virtual ~strategy() = default;

  virtual std::string_view name() const = 0;
  // Instruments whose bars and ticks the strategy needs ("NSE:99926000", ...).
  virtual std::vector<std::string> instruments() const = 0;
  // How much history the strategy needs before it can decide, per timeframe, in bars.
  virtual std::vector<std::pair<events::timeframe, int>> warmup() const = 0;

  // A closed bar. During warm-up (history replayed at start) `warming` is true and decisions
  // are discarded.
  virtual void on_bar(const std::string& instrument, events::timeframe tf, const market::bar& b,
                      const snapshot& s, bool warming, decisions& out) = 0;
  virtual void on_tick(const std::string&, const trading::quote&, const snapshot&, decisions&) {}
  // An order or position event (fills included) after the state has folded it.
  virtual void on_event(const events::event&, const snapshot&, decisions&) {}
  // Between market updates: walks the steps of a decision that change nothing and puts in `out`
  // what it would decide were its signal to fire now (with no position: the entry, its filters
  // walked in their order, the signal's own not obeyed), so that the next real decision finds
  // their code and data in the processor's caches. The runner hands the entries to the trading
  // engine's rehearsal and drops the rest. Const: it cannot change what the strategy decides
  // next.
  virtual void rehearse(const snapshot&, decisions& out) const { (void)out; }
};

}  // namespace strike::core::strategy
