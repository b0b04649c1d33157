// The part of the state fold that moves positions: fills, the position events that record what
// fills did, and reconciliation's caps. Called by apply() (core/state.cpp) only.
#pragma once

#include "core/state.hpp"
#include "events/event.hpp"

namespace strike::core {

struct position_fold {
  state& s;
  const events::envelope& env;

  // An exit or stop intent becomes its position's latest exit or stop order.
  void intent(const events::order_intent& e);
  // A fill of o moves the position of o's instance in o's contract, opening it if flat.
  void fill(const order_record& o, const events::order_filled& e);
  void operator()(const events::position_opened& e);
  void operator()(const events::stop_adjusted& e);
  void operator()(const events::position_exit_triggered& e);
  void operator()(const events::position_closed& e);
  void operator()(const events::reconciliation_discrepancy& e);
};

}  // namespace strike::core
