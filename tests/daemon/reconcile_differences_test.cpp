// What a reconciliation while trading counts as a difference: nothing in flight, nothing the
// lagging books have simply not caught up on.
#include <doctest/doctest.h>

#include "daemon/reconcile_differences.hpp"

using namespace strike;
using core::order_status;

namespace {

const std::string diff_option = "NFO:58784";
const std::string diff_other = "NFO:58790";

core::order_record working_order(std::int64_t filled = 0) {
  core::order_record o;
  o.instrument = diff_option;
  o.qty = 130;
  o.status = filled > 0 ? order_status::partially_filled : order_status::accepted;
  o.filled_qty = filled;
  o.broker_id = "B1";
  return o;
}

brokers::order_info book_row(brokers::order_state s, std::int64_t filled) {
  brokers::order_info info;
  info.broker_id = "B1";
  info.tag = "e1";
  info.instrument = diff_option;
  info.qty = 130;
  info.state = s;
  info.filled_qty = filled;
  return info;
}

brokers::trade_info trade_row(std::string id, std::int64_t qty) {
  brokers::trade_info t;
  t.broker_id = "B1";
  t.fill_id = std::move(id);
  t.qty = qty;
  t.price_paise = 10000;
  return t;
}

brokers::position_info held_at_broker(const std::string& instrument, std::int64_t qty) {
  brokers::position_info p;
  p.instrument = instrument;
  p.net_qty = qty;
  return p;
}

std::string difference_of(const core::state& s, const daemon::broker_books& b) {
  const auto found = daemon::find_differences(s, b);
  return found.orders.count("e1") ? found.orders.at("e1") : "";
}

}  // namespace

TEST_CASE("a working order absent from the order book is a difference, one in flight is not") {
  core::state s;
  s.orders["e1"] = working_order();
  const daemon::broker_books empty;
  CHECK(difference_of(s, empty) == "order_unknown_at_broker");
  s.orders["e1"].pending = core::order_pending::cancel;
  CHECK(difference_of(s, empty).empty());
  s.orders["e1"].pending = core::order_pending::modify;
  CHECK(difference_of(s, empty).empty());
  s.orders["e1"] = working_order();
  s.orders["e1"].status = order_status::submitted;  // its place is on its way
  CHECK(difference_of(s, empty).empty());
  s.orders["e1"].status = order_status::unknown;  // the executor looks it up by tag
  CHECK(difference_of(s, empty).empty());
}

TEST_CASE("a fill is missed only when both the order book and the trade book show it") {
  core::state s;
  s.orders["e1"] = working_order();
  // The order feed announced it and the order book counts it; the trade book does not show it yet.
  CHECK(difference_of(s, {{book_row(brokers::order_state::complete, 130)}, {}, {}}).empty());
  // The trade book shows a fill the order book does not count yet.
  CHECK(difference_of(s, {{book_row(brokers::order_state::open, 0)}, {trade_row("F1", 130)}, {}})
            .empty());
  CHECK(difference_of(
            s, {{book_row(brokers::order_state::complete, 130)}, {trade_row("F1", 130)}, {}}) ==
        "fill_missed");
  // Journaled already (by the stream's read of the books, or by the executor's polling).
  s.keys.insert("e1/F1", 1);
  s.orders["e1"].filled_qty = 130;
  CHECK(difference_of(s,
                      {{book_row(brokers::order_state::complete, 130)}, {trade_row("F1", 130)}, {}})
            .empty());
}

TEST_CASE("an order cancelled at the broker is a difference unless our own cancel is in flight") {
  core::state s;
  s.orders["e1"] = working_order();
  const daemon::broker_books cancelled{{book_row(brokers::order_state::cancelled, 0)}, {}, {}};
  CHECK(difference_of(s, cancelled) == "status_missed");
  s.orders["e1"].pending = core::order_pending::cancel;
  CHECK(difference_of(s, cancelled).empty());
  s.orders["e1"] = working_order();
  CHECK(difference_of(s, {{book_row(brokers::order_state::rejected, 0)}, {}, {}}) ==
        "status_missed");
  CHECK(difference_of(s, {{book_row(brokers::order_state::open, 0)}, {}, {}}).empty());
}

TEST_CASE("positions are compared only on instruments where nothing can move between the reads") {
  core::state s;
  s.positions[diff_option].instrument = diff_option;
  s.positions[diff_option].qty = 130;
  daemon::broker_books b{{}, {}, {held_at_broker(diff_option, 65), held_at_broker(diff_other, 65)}};
  auto found = daemon::find_differences(s, b);
  CHECK(found.positions.at(diff_option) == std::make_pair<std::int64_t, std::int64_t>(130, 65));
  CHECK(found.positions.at(diff_other) == std::make_pair<std::int64_t, std::int64_t>(0, 65));

  // A working order of ours on the instrument: its fills may land between the reads.
  s.orders["e1"] = working_order(65);
  CHECK_FALSE(daemon::find_differences(s, b).positions.count(diff_option));
  // An ended order whose fills the journal does not hold yet.
  s.orders["e1"].status = order_status::cancelled;
  b.orders = {book_row(brokers::order_state::cancelled, 130)};
  CHECK_FALSE(daemon::find_differences(s, b).positions.count(diff_option));
  // Its fills journaled: quiet again.
  s.orders["e1"].filled_qty = 130;
  CHECK(daemon::find_differences(s, b).positions.count(diff_option));
  // An order someone else works at the broker on the instrument.
  auto by_hand = book_row(brokers::order_state::open, 0);
  by_hand.broker_id = "H1";
  by_hand.tag = "";
  by_hand.instrument = diff_other;
  b.orders.push_back(by_hand);
  CHECK_FALSE(daemon::find_differences(s, b).positions.count(diff_other));
}

TEST_CASE("only differences two reads show alike are common to both") {
  daemon::differences first, second;
  first.orders = {{"a", "fill_missed"}, {"b", "status_missed"}};
  second.orders = {{"a", "fill_missed"}, {"b", "order_unknown_at_broker"}};
  first.positions = {{diff_option, {130, 65}}, {diff_other, {0, 65}}};
  second.positions = {{diff_option, {130, 65}}, {diff_other, {0, 130}}};
  const auto both = first.common_with(second);
  CHECK(both.orders.size() == 1);
  CHECK(both.orders.count("a"));
  CHECK(both.positions.size() == 1);
  CHECK(both.positions.count(diff_option));
}

TEST_CASE("two instances' positions in one contract are compared, summed, with the broker's net") {
  core::state s;
  auto& first = s.positions[diff_option];
  first.instrument = diff_option;
  first.strategy = "trend";
  first.qty = 130;
  auto& second = s.positions[diff_option + "@revert"];
  second.instrument = diff_option;
  second.strategy = "revert";
  second.qty = 65;
  daemon::broker_books b{{}, {}, {held_at_broker(diff_option, 195)}};
  CHECK(daemon::find_differences(s, b).positions.empty());
  b.positions = {held_at_broker(diff_option, 130)};
  CHECK(daemon::find_differences(s, b).positions.at(diff_option) ==
        std::make_pair<std::int64_t, std::int64_t>(195, 130));
}
