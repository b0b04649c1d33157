// The trading engine: turns strategy intents, quotes, fills and the passing of time into
// journaled decisions — order intents with idempotency keys, risk verdicts, ladder steps,
// stop adjustments, exits, halts and flattens.
//
// Pure core: it reads the folded state, publishes events on the bus and never talks to a
// broker. The order executor (daemon/) sends what OrderSubmitted, OrderModifyRequested and
// OrderCancelRequested ask for, once they are durable, and publishes what the broker answers.
//
// Threading: the reactor thread only. Lifetime: bus, state and clock outlive the engine.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/bus.hpp"
#include "core/clock.hpp"
#include "core/state.hpp"
#include "core/trading/position_mark.hpp"
#include "core/trading/quote.hpp"
#include "core/trading/trading_config.hpp"
#include "core/trading/vix_breaker.hpp"

namespace strike::core::trading {

// A strategy's request to open a position.
struct entry_intent {
  std::string strategy;
  std::string instrument;  // the option to buy, "NFO:<token>"
  std::string symbol;      // its trading symbol
  events::side side = events::side::buy;
  std::string reason;
  std::string basis;  // what triggered it (e.g. the bar start); same basis, same order key
  std::int64_t lot_size = 0;
  std::int64_t tick_paise = 5;
  // The contract's expiry ("YYYY-MM-DD"): its days to expiry size the entry. Empty: the
  // session's nearest weekly expiry.
  std::string expiry;
  std::int64_t cause = 0;  // the seq of what it was decided on (a bar's BarClosed), 0: none
};

class trading_engine {
 public:
  trading_engine(bus& b, const state& s, const clock& c, trading_config config);

  // Subscribes to the events the engine reacts to. Call once, after the state fold.
  void attach();

  // Finishes what a crash interrupted, from the recovered state, once the broker's books are
  // reconciled: positions whose opening or closing was not yet recorded, exits without a
  // working order, approved orders never sent, a flatten under way.
  void resume();

  // Journals an entry: OrderIntent (dropped, returning "", if its key was journaled before),
  // then RiskApproved + OrderSubmitted or RiskRejected. Returns the order key.
  std::string enter(const entry_intent& intent);

  // Exits one position, by its key in state::positions (core/positions.hpp): a strategy's
  // signal, an operator, reconciliation. Does nothing if it is flat or an exit order is already
  // working.
  void exit_position(const std::string& position, const std::string& reason);

  // Carries out a flatten: cancels working entry orders and exits every position. Call it
  // after journaling what started the flatten (EndOfDayExit, VixBreakerTripped, a flattening
  // TradingHalted, ShutdownRequested): the flatten is then state, so until FlattenCompleted
  // every entry fill is exited and every accepted entry cancelled, and a restart carries on.
  void close_all(const std::string& reason);

  // Turns every working exit into a market order at once (a second SIGTERM), and every exit
  // accepted or sent from now on.
  void cross_exits();
  // Cancels every working order, exits too: a daemon that stops not flat leaves nothing working
  // at the broker.
  void cancel_all_orders(const std::string& reason);

  // Halts entries and flattens; TradingResumed when the operator resumes.
  void kill_switch(const std::string& source);
  void resume_trading(const std::string& reason);
  // Halts new entries for reason without exiting what is open (e.g. the disk is nearly full);
  // a no-op when a halt for that reason is in force already.
  void halt_entries(const std::string& reason, const std::string& detail);
  // Lifts only the halt for halt_reason (any other, an operator's or the risk engine's, stays).
  void lift_halt(std::string_view halt_reason);

  // Between market updates: walks, on an entry a strategy would make (strategy::rehearse), the
  // steps of the entry that change nothing (sizing, the order key, the risk check, the intent's
  // event and its fold on a state of its own, the ladder's first price) and drops what they
  // make, so that the next decision finds their code and data in the processor's caches.
  // Publishes nothing.
  void rehearse_entry(const entry_intent& in) const;
  // The same on the latest entry this engine made, for strategies that rehearse none.
  void rehearse_entry() const;
  // The same for an exit of each position held, were it to be exited now: the walks
  // exit_position makes, the trigger's and the exit order's keys and lookups, their events and
  // their fold on a copy of the position.
  void rehearse_exits() const;

  void on_quote(const std::string& instrument, const quote& q);
  // Steps the order ladders and retries failed exits that are due.
  void on_time(std::int64_t now_ns);
  // When on_time next has work (0: nothing scheduled).
  std::int64_t next_deadline() const;

  // Unrealised P&L of open positions at the latest quotes, paise: the account's, or one
  // instance's.
  std::int64_t unrealized_paise() const;
  std::int64_t unrealized_paise(std::string_view instance) const;
  // Each open position's mark and unrealised P&L by position key; they sum to
  // unrealized_paise().
  std::map<std::string, position_mark> position_marks() const;
  // Cash for new entries. Defaults to capital plus today's net P&L less open premium; live
  // trading installs the broker's funds.
  void set_funds_provider(std::function<std::int64_t()> fn) { funds_ = std::move(fn); }

  bool flattening() const { return state_.risk.flattening(); }
  const market_view& market() const { return market_; }
  const trading_config& config() const { return config_; }

 private:
  std::int64_t publish(events::payload body, publish_options options = {});
  // No order, modify or cancel is asked for before the broker's books are reconciled: a journal
  // that missed what happened while the daemon was down must not size or price anything.
  bool can_send() const { return state_.lifecycle.reconciled; }
  // New orders and ladder steps only while the exchange is open: anything sent outside the
  // session would wait at the broker as an after-market order. Cancels go any time.
  bool market_open() const { return state_.session.phase == "open"; }
  void on_fill(const events::event& e, const events::order_filled& f);
  static bool exit_failed(const order_record& exit);
  // When a failed exit of p is sent again.
  std::int64_t exit_retry_due(const position_record& p, const order_record& last_exit) const;
  // Sends exits whose retry is due.
  void retry_exits();
  // Asks the broker to cancel every working order of purpose (on instrument, or everywhere when
  // it is empty; of instance, or of every instance when it is empty). Returns how many were
  // asked.
  std::int64_t cancel_working(events::purpose purpose, const std::string& instrument,
                              const std::string& instance, const std::string& reason);
  // The keys of the orders cancel_working would ask to cancel.
  std::vector<std::string> working_orders(events::purpose purpose, const std::string& instrument,
                                          const std::string& instance) const;
  void on_order_done(const std::string& order_key);
  void on_accepted(const std::string& order_key);
  void on_session_opened();
  // Judges the exits of every position in instrument on its new quote.
  void check_exits(const std::string& instrument, const quote& q);
  void check_exit(const std::string& position, const quote& q);
  void check_daily_loss();
  // Halts, and exits, each instance at its own loss limit.
  void check_instance_losses();
  std::int64_t days_to_expiry(const entry_intent& in) const;
  // An entry's quote (null when none yet), reference price, days to expiry and quantity.
  struct entry_terms {
    const quote* q = nullptr;
    std::int64_t ref = 0;
    std::int64_t dte = 0;
    std::int64_t qty = 0;
  };
  entry_terms terms_of(const entry_intent& in) const;
  // What the risk check of an entry in instrument at ref reads (q: its quote, or null).
  entry_check entry_check_for(const std::string& instrument, std::int64_t lot_size,
                              std::int64_t ref, events::side side, std::int64_t dte,
                              const quote* q) const;
  void check_flatten_done();
  void submit(const std::string& key, const order_record& o);
  std::int64_t default_funds() const;
  // The most units one order of symbol may carry (0: no limit).
  std::int64_t slice_limit(const std::string& symbol, std::int64_t lot_size) const;
  // qty, or the most one order of p's contract may carry if that is less.
  std::int64_t within_one_order(const position_record& p, std::int64_t qty) const;
  // What one exit order of p carries now: its quantity (all of it, or its cap, within one
  // order), its attempt ("1", then one more for each retry), its side, and its reference price
  // from the market now, so that a retry never repeats a stale price.
  struct exit_terms {
    std::int64_t qty = 0;
    std::string attempt;
    events::side side = events::side::sell;
    std::int64_t ref = 0;
  };
  exit_terms exit_terms_of(const position_record& p) const;
  // The idempotency keys of p's exit, attempt by attempt: its trigger's, and its order's (the
  // attempt, not the instance, tells exit orders apart).
  static std::string exit_trigger_key(const position_record& p, const std::string& attempt);
  static std::string exit_key(const position_record& p, events::side side, std::int64_t qty,
                              const std::string& why, const std::string& attempt);
  void rehearse_exit(const std::string& id, const position_record& p) const;
  // The protective stop at the broker (protective_stop.cpp).
  const order_record* working_stop(const position_record& p) const;
  std::int64_t stop_limit_price(events::side side, std::int64_t trigger, std::int64_t tick) const;
  // Places the position's stop, or brings the one resting up to its stop price and quantity.
  void protect(const std::string& position);
  void place_stop(const position_record& p);
  // True once nothing of p's stop can fill any more; until then asks for its cancel (after the
  // grace, for the engine's own stop-loss exits) and returns false.
  bool stop_resolved(const position_record& p);
  void on_stop_done(const order_record& stop);
  std::int64_t stop_grace_due() const;
  std::int64_t mark(const position_record& p) const;
  position_mark valued(const position_record& p) const;
  // The first position held whose quote is older than the risk limit, said why; empty if none.
  std::string stale_mark(std::int64_t now_ns) const;
  double vix() const;

  bus& bus_;
  const state& state_;
  const clock& clock_;
  trading_config config_;
  market_view market_;
  vix_breaker vix_breaker_;
  std::function<std::int64_t()> funds_;
  // Best price since entry per position key, between journaled StopAdjusted events.
  std::unordered_map<std::string, std::int64_t> best_;
  // What the current flatten did, for FlattenCompleted (counted by this process).
  std::int64_t flatten_positions_ = 0;
  std::int64_t flatten_orders_ = 0;
  // Since cross_exits (a second SIGTERM): every exit is a MARKET order, those the broker accepts
  // later and those sent later too.
  bool crossing_ = false;
  // The key of the latest entry made here: what rehearse_entry() walks through again.
  std::string last_entry_;
};

}  // namespace strike::core::trading
