// getLtpData, quote (LTP/OHLC/FULL), getCandleData and searchScrip.
#include <simdjson.h>

#include "base/json_writer.hpp"
#include "sim/candles.hpp"
#include "sim/json_fields.hpp"
#include "sim/replies.hpp"
#include "sim/service.hpp"
#include "sim/time_text.hpp"

namespace strike::sim {

http_response service::ltp_data(call& c) {
  const auto token = c.body.text("symboltoken").value_or("");
  if (token.empty()) return fail_reply("Symbol token cannot be empty", codes::empty_symbol_token);
  const instrument* inst = instruments_.by_token(token);
  if (inst == nullptr || inst->exch_seg != c.body.text("exchange").value_or(""))
    return fail_reply("Symbol Not Found", codes::symbol_not_found);
  const day_stats s = market_.stats(*inst, c.now);
  std::string out;
  base::json_writer w(out);
  w.begin_object().key("exchange").value(inst->exch_seg).key("tradingsymbol").value(inst->symbol);
  w.key("symboltoken")
      .value(inst->token)
      .key("open")
      .value(rupees(s.open))
      .key("high")
      .value(rupees(s.high));
  w.key("low")
      .value(rupees(s.low))
      .key("close")
      .value(rupees(s.previous_close))
      .key("ltp")
      .value(rupees(s.ltp));
  w.end_object();
  return ok_reply(out);
}

http_response service::quote(call& c) {
  const auto mode = c.body.text("mode").value_or("");
  if (mode != "LTP" && mode != "OHLC" && mode != "FULL")
    return fail_reply("Invalid mode", codes::invalid_parameters);
  auto tokens = c.body.element("exchangeTokens");
  simdjson::dom::object by_exchange;
  if (!tokens || tokens->get_object().get(by_exchange))
    return fail_reply("Invalid exchangeTokens", codes::invalid_parameters);
  std::string fetched, unfetched;
  base::json_writer f(fetched), u(unfetched);
  f.begin_array();
  u.begin_array();
  int count = 0;
  for (auto field : by_exchange) {
    simdjson::dom::array list;
    if (field.value.get_array().get(list)) continue;
    for (auto t : list) {
      std::string token = t.is_string() ? std::string(std::string_view(t)) : simdjson::minify(t);
      if (++count > 50) return fail_reply("Maximum 50 tokens allowed", codes::invalid_parameters);
      const instrument* inst = instruments_.by_token(token);
      if (token.empty() || inst == nullptr || inst->exch_seg != field.key) {
        u.begin_object().key("exchange").value(field.key);
        u.key("symbolToken").value(token);
        u.key("message").value(token.empty() ? "Symbol token cannot be empty" : "Symbol Not Found");
        u.key("errorCode")
            .value(token.empty() ? codes::empty_symbol_token : codes::symbol_not_found)
            .end_object();
        continue;
      }
      const day_stats s = market_.stats(*inst, c.now);
      const sim::quote q = market_.at(*inst, c.now);
      f.begin_object()
          .key("exchange")
          .value(inst->exch_seg)
          .key("tradingSymbol")
          .value(inst->symbol);
      f.key("symbolToken").value(inst->token).key("ltp").value(rupees(s.ltp));
      if (mode != "LTP") {
        f.key("open")
            .value(rupees(s.open))
            .key("high")
            .value(rupees(s.high))
            .key("low")
            .value(rupees(s.low));
        f.key("close").value(rupees(s.previous_close));
      }
      if (mode == "FULL") {
        const std::int64_t change = s.ltp - s.previous_close;
        f.key("lastTradeQty").value(inst->is_index ? 0 : inst->lot_size);
        f.key("exchFeedTime").value(book_time(c.now)).key("exchTradeTime").value(book_time(c.now));
        f.key("netChange").value(rupees(change));
        f.key("percentChange")
            .value(s.previous_close
                       ? 100.0 * static_cast<double>(change) / static_cast<double>(s.previous_close)
                       : 0.0);
        f.key("avgPrice").value(rupees(s.ltp)).key("tradeVolume").value(s.volume);
        f.key("opnInterest")
            .value(0)
            .key("lowerCircuit")
            .value(rupees(inst->is_index ? 0 : inst->tick_paise));
        f.key("upperCircuit").value(rupees(inst->is_index ? 0 : s.ltp * 3));
        f.key("totBuyQuan").value(inst->is_index ? 0 : 100 * inst->lot_size);
        f.key("totSellQuan").value(inst->is_index ? 0 : 100 * inst->lot_size);
        f.key("52WeekLow").value(rupees(s.low)).key("52WeekHigh").value(rupees(s.high));
        f.key("depth").begin_object();
        for (bool buy : {true, false}) {
          f.key(buy ? "buy" : "sell").begin_array();
          for (int level = 0; level < 5; ++level) {
            std::int64_t px = 0, qty = 0, orders = 0;
            if (!inst->is_index) {
              px = buy ? q.bid - level * inst->tick_paise : q.ask + level * inst->tick_paise;
              qty = (level + 1) * 10 * inst->lot_size;
              orders = level + 1;
              if (px <= 0) px = qty = orders = 0;
            }
            f.begin_object()
                .key("price")
                .value(rupees(px))
                .key("quantity")
                .value(qty)
                .key("orders")
                .value(orders)
                .end_object();
          }
          f.end_array();
        }
        f.end_object();
      }
      f.end_object();
    }
  }
  f.end_array();
  u.end_array();
  return ok_reply(R"({"fetched":)" + fetched + R"(,"unfetched":)" + unfetched + "}");
}

http_response service::candle_data(call& c) {
  const auto& b = c.body;
  const instrument* inst = instruments_.by_token(b.text("symboltoken").value_or(""));
  if (inst == nullptr || inst->exch_seg != b.text("exchange").value_or(""))
    return fail_reply("Symbol Not Found", codes::symbol_not_found);
  auto iv = interval_named(b.text("interval").value_or(""));
  if (!iv) return fail_reply("Invalid interval", codes::invalid_parameters);
  auto from = parse_candle_bound(b.text("fromdate").value_or(""));
  auto to = parse_candle_bound(b.text("todate").value_or(""));
  if (!from || !to || *from > *to)
    return fail_reply("Invalid date range", codes::invalid_parameters);
  if (*to - *from > static_cast<std::int64_t>(iv->max_days) * core::ns_per_day)
    return fail_reply("The date range exceeds " + std::to_string(iv->max_days) +
                          " days for interval " + std::string(iv->name),
                      codes::invalid_parameters);
  const auto candles = make_candles(market_, *inst, *iv, *from, *to, c.now);
  std::string out;
  base::json_writer w(out);
  w.begin_array();
  for (const auto& k : candles) {
    w.begin_array().value(candle_time(k.start_ns)).value(rupees(k.open)).value(rupees(k.high));
    w.value(rupees(k.low)).value(rupees(k.close)).value(k.volume).end_array();
  }
  w.end_array();
  return ok_reply(out);
}

http_response service::search_scrip(call& c) {
  const auto exchange = c.body.text("exchange").value_or("");
  const auto text = c.body.text("searchscrip").value_or("");
  std::string out;
  base::json_writer w(out);
  w.begin_array();
  int n = 0;
  for (const auto& i : instruments_.all()) {
    if (i.exch_seg != exchange || text.empty() || i.symbol.find(text) == std::string::npos)
      continue;
    w.begin_object().key("exchange").value(i.exch_seg).key("tradingsymbol").value(i.symbol);
    w.key("symboltoken").value(i.token).end_object();
    if (++n == 100) break;
  }
  w.end_array();
  return ok_reply(out);
}

}  // namespace strike::sim
