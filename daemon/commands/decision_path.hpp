// The live decision path in one process, for `striked bench decision`: SmartStream frames in
// (the real parser), through the session engine (bars, strategy, risk, ladder) and the journal
// (a real file, group commit or as configured), to the broker port, which waits for the order's
// event to be durable, as the order executor does (building the request meanwhile), and writes
// Angel One's placeOrder request to a socket. The market is the synthetic one the backtests
// use, quoted as the daemon subscribes it: the indices in Quote mode, the options around the
// money in SnapQuote mode. The simulated exchange answers the orders (fills, cancels) outside
// the timed path.
//
// Every tick is timed from its frame's arrival (before the parse) to the engine's return; a tick
// whose handling journaled an order intent also gives its time to the intent and to the
// OrderSubmitted; an order sent gives the wait for its durability, the request's building, the
// write to the socket and the moment the kernel handed its segment to the (loopback) device.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/strategy/params.hpp"
#include "storage/journal.hpp"

namespace strike::daemon {

struct decision_path_options {
  std::int64_t ticks = 1'000'000;
  std::filesystem::path dir;  // the journal's directory (must hold no journal)
  storage::durability durability = storage::durability::group;
  std::int64_t group_commit_ms = 2;
  int cpu = -1;        // pin the deciding thread to this CPU (-1: not pinned)
  bool socket = true;  // write each order to a loopback socket a reader drains
  bool floor = false;  // only parse the same frames: the floor under the whole path
  // Option strikes quoted each side of the money: 2 × (2N + 1) contracts. More contracts, more
  // ticks between two decisions.
  int strikes = 5;
  bool rehearse = true;     // rehearse between updates, as the daemon does
  bool lock_memory = true;  // every page resident, as the daemon's [daemon] lock_memory
  std::uint64_t seed = 7;
};

// Nanoseconds, one entry per measured event.
struct decision_path_figures {
  std::int64_t ticks = 0;
  std::int64_t decisions = 0;    // ticks whose handling journaled an order intent
  std::int64_t orders_sent = 0;  // placeOrder requests written
  std::int64_t events = 0;       // journaled
  double seconds = 0;            // wall time of the timed loop
  bool memory_locked = false;
  std::string memory_lock_detail;  // why not, when not
  std::int64_t page_faults = -1;   // on the deciding thread in the timed loop (-1: not counted)
  std::vector<std::int64_t> tick;  // frame in → engine returns, every tick
  std::vector<std::int64_t> tick_to_intent;  // frame in → the OrderIntent journaled
  std::vector<std::int64_t> tick_to_entry;   // the same, entries only
  std::vector<std::int64_t> tick_to_exit;    // the same, exits only
  std::vector<std::int64_t> tick_to_submit;  // frame in → the OrderSubmitted journaled
  std::vector<std::int64_t> journal_wait;    // OrderSubmitted journaled → durable
  std::vector<std::int64_t> prepare;         // the request built, during the journal wait
  std::vector<std::int64_t> send;            // durable → request written to the socket
  // frame in → request written, less the journal wait: the path's own time to the wire.
  std::vector<std::int64_t> tick_to_wire;
  // frame in → the request's segment taken by the network device (the kernel's transmit
  // timestamp), less the journal wait; empty where the kernel does not stamp.
  std::vector<std::int64_t> tick_to_device;
};

result<decision_path_figures> run_decision_path(const decision_path_options& options);

// The benchmark's strategy, one that decides often: mean reversion on one-minute bars with wide
// bands and no cooldown.
inline constexpr const char* busy_strategy_name = "mean_reversion";
core::strategy::params busy_strategy_params();

// The q-quantile (0..1) of values (sorted in place); 0 when empty.
std::int64_t quantile(std::vector<std::int64_t>& values, double q);

}  // namespace strike::daemon
