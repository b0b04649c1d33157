// The order book, trade book and position rows of the REST API, written as SmartAPI writes
// them: order rows with prices as JSON numbers and quantities as strings (as observed in live
// replies), trade and position rows with every value a string.
#pragma once

#include <string>
#include <vector>

#include "base/json_writer.hpp"
#include "sim/market.hpp"
#include "sim/matching_engine.hpp"

namespace strike::sim {

void write_order_row(base::json_writer& w, const order& o);
void write_trade_row(base::json_writer& w, const fill& f);

// One net position per (instrument, product type), from a client's fills.
struct position {
  const instrument* inst = nullptr;
  std::string producttype;
  std::int64_t buy_qty = 0, sell_qty = 0;
  std::int64_t buy_value = 0, sell_value = 0;  // paise
  std::int64_t net_qty() const { return buy_qty - sell_qty; }
};
std::vector<position> positions_of(const std::vector<fill>& fills, const std::string& client_code);
void write_position_row(base::json_writer& w, const position& p, std::int64_t ltp);

// Mark-to-market of a position at ltp: realised plus unrealised, paise.
std::int64_t position_pnl(const position& p, std::int64_t ltp);

}  // namespace strike::sim
