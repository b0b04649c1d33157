// The soak's checks of the journal against the simulator's books. Each returns what disagreed
// (empty when all is well) instead of asserting, so that a soak counts its disagreements and
// keeps the failing day's state directory for a post-mortem.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "tests/e2e/e2e_books.hpp"

namespace strike::test::soak {

// One order as the simulator holds it.
struct sim_order {
  std::string tag;
  std::string id;
  std::int64_t filled = 0;
};

// One fill at the simulator; its time is IST seconds since midnight, as the trade book gives it.
struct sim_fill {
  std::string order_id;
  std::string fill_id;
  std::int64_t second_of_day = 0;
};

struct sim_record {
  std::vector<sim_order> orders;
  std::vector<sim_fill> fills;
};

inline std::int64_t second_of_day(std::string_view hh_mm_ss) {
  const auto part = [&](std::size_t at) { return std::stoll(std::string(hh_mm_ss.substr(at, 2))); };
  return part(0) * 3600 + part(3) * 60 + part(6);
}

inline std::int64_t ist_second_of_day(std::int64_t utc_ns) {
  constexpr std::int64_t ist_offset_s = 19800;
  return (utc_ns / 1'000'000'000 + ist_offset_s) % 86400;
}

inline sim_record read_sim(const e2e_fixture& f) {
  sim_record r;
  for_each_sim_order(f, [&r](simdjson::dom::element o) {
    r.orders.push_back({std::string(std::string_view(o["ordertag"])),
                        std::string(std::string_view(o["orderid"])), number_of(o["filledshares"])});
  });
  simdjson::dom::parser parser;
  const auto trades = f.admin("GET", "/admin/trades");
  REQUIRE(trades.status == 200);
  for (auto row : simdjson::dom::array(parser.parse(trades.body))) {
    auto t = row["trade"];
    r.fills.push_back({std::string(std::string_view(t["orderid"])),
                       std::string(std::string_view(t["fillid"])),
                       second_of_day(std::string_view(t["filltime"]))});
  }
  return r;
}

// The journal, folded, with what the checks look up in it.
struct journal_record {
  std::vector<events::event> events;
  core::state state;
  std::set<std::pair<std::string, std::string>> fills;  // (broker order id, fill id)
  std::int64_t last_start_ns = 0;                       // when the newest run of the daemon started
  std::int64_t last_start_pid = 0;                      // and its process id
  bool last_run_reconciled = false;          // that run journaled its start-up reconciliation
  std::map<std::string, int> discrepancies;  // ReconciliationDiscrepancy by kind
};

inline journal_record read_journal_record(const e2e_fixture& f) {
  journal_record j;
  j.events = f.journal();
  for (const auto& e : j.events) {
    core::apply(j.state, e);
    if (const auto* started = std::get_if<events::daemon_started>(&e.body)) {
      j.last_start_ns = e.env.ts;
      j.last_start_pid = started->pid;
      j.last_run_reconciled = false;
    }
    if (std::holds_alternative<events::reconciliation_completed>(e.body))
      j.last_run_reconciled = true;
    if (const auto* d = std::get_if<events::reconciliation_discrepancy>(&e.body))
      ++j.discrepancies[d->kind];
  }
  // A fill names its order by key; the broker's id for that key is known once it is accepted.
  // Positions adopted from the broker's books have a made-up order, no fill of the simulator's.
  for (const auto& e : j.events)
    if (const auto* fill = std::get_if<events::order_filled>(&e.body)) {
      const auto& id = j.state.orders.at(fill->order).broker_id;
      if (id != "reconcile") j.fills.insert({id, fill->fill_id});
    }
  return j;
}

// Our orders at the simulator, grouped by tag: a tag placed twice means the daemon sent an order
// again while the first was live. It is a duplicate the daemon handled only when its journal holds
// the second order adopted (keyed "<tag>~<broker id>"); returns the extra orders, and in
// `problems` those not adopted and any order the journal does not know at all (sent before its
// OrderSubmitted was written).
inline int count_duplicates(const sim_record& sim, const journal_record& j,
                            std::vector<std::string>& problems) {
  std::map<std::string, std::vector<std::string>> ids_by_tag;
  for (const auto& o : sim.orders) ids_by_tag[o.tag].push_back(o.id);
  int duplicates = 0;
  for (const auto& [tag, ids] : ids_by_tag) {
    if (!j.state.orders.count(tag))
      problems.push_back("the simulator holds order " + ids.front() + " tagged " + tag +
                         ", which the journal never submitted");
    for (std::size_t i = 1; i < ids.size(); ++i) {
      ++duplicates;
      if (!j.state.orders.count(tag + "~" + ids[i]))
        problems.push_back("tag " + tag + " placed " + std::to_string(ids.size()) +
                           " times at the simulator; order " + ids[i] + " is not in the journal");
    }
  }
  return duplicates;
}

// The journal never holds a fill the simulator did not make, nor more filled than it filled.
inline void check_journal_within_sim(const sim_record& sim, const journal_record& j,
                                     std::vector<std::string>& problems) {
  std::set<std::pair<std::string, std::string>> at_sim;
  for (const auto& t : sim.fills) at_sim.insert({t.order_id, t.fill_id});
  for (const auto& fill : j.fills)
    if (!at_sim.count(fill))
      problems.push_back("the journal holds fill " + fill.second + " of order " + fill.first +
                         ", which the simulator never made");
  std::map<std::string, std::int64_t> sim_filled;
  for (const auto& o : sim.orders) sim_filled[o.id] = o.filled;
  for (const auto& [key, o] : j.state.orders) {
    if (o.broker_id.empty() || o.broker_id == "reconcile") continue;
    if (!sim_filled.count(o.broker_id))
      problems.push_back("order " + key + " has broker id " + o.broker_id +
                         ", unknown at the simulator");
    else if (o.filled_qty > sim_filled.at(o.broker_id))
      problems.push_back("order " + key + ": the journal holds " + std::to_string(o.filled_qty) +
                         " filled, the simulator " + std::to_string(sim_filled.at(o.broker_id)));
  }
}

// Every fill the simulator made before `before_s` (IST second of the day) is in the journal. A
// fill's time is whole seconds, so only those a full second before count.
inline void check_fills_journaled(const sim_record& sim, const journal_record& j,
                                  std::int64_t before_s, std::vector<std::string>& problems) {
  for (const auto& t : sim.fills)
    if (t.second_of_day + 1 <= before_s && !j.fills.count({t.order_id, t.fill_id}))
      problems.push_back("fill " + t.fill_id + " of order " + t.order_id + " at second " +
                         std::to_string(t.second_of_day) + " is not in the journal");
}

// After a kill -9, the daemon dead: no order sent twice or unjournaled, nothing journaled that the
// simulator did not do, and, when the run got as far as its start-up reconciliation, every fill
// made before that run started is in the journal.
inline std::vector<std::string> check_after_kill(const journal_record& j, const sim_record& sim,
                                                 int& duplicates) {
  std::vector<std::string> problems;
  duplicates = count_duplicates(sim, j, problems);
  check_journal_within_sim(sim, j, problems);
  if (j.last_run_reconciled)
    check_fills_journaled(sim, j, ist_second_of_day(j.last_start_ns), problems);
  return problems;
}

// At a day's end, after a clean stop with nothing working at the simulator: the books and the
// journal agree on every fill and order, both are flat, every position opened was closed, and the
// day's P&L is the simulator's cash flow less the charges the journal recorded, to the paisa.
inline std::vector<std::string> check_day_end(const e2e_fixture& f, const journal_record& j,
                                              const sim_record& sim, int& duplicates) {
  std::vector<std::string> problems;
  duplicates = count_duplicates(sim, j, problems);
  check_journal_within_sim(sim, j, problems);
  check_fills_journaled(sim, j, 86400, problems);
  std::map<std::string, std::int64_t> sim_filled;
  for (const auto& o : sim.orders) sim_filled[o.id] = o.filled;
  for (const auto& [key, o] : j.state.orders)
    if (!o.broker_id.empty() && o.broker_id != "reconcile" && sim_filled.count(o.broker_id) &&
        sim_filled.at(o.broker_id) != o.filled_qty)
      problems.push_back("order " + key + ": the journal holds " + std::to_string(o.filled_qty) +
                         " filled, the simulator " + std::to_string(sim_filled.at(o.broker_id)));
  for (const auto& [token, qty] : books_of(f).net_by_token)
    if (qty != 0) problems.push_back("the simulator holds " + std::to_string(qty) + " of " + token);
  for (const auto& [instrument, p] : j.state.positions)
    problems.push_back("the journal holds " + std::to_string(p.qty) + " of " + instrument);
  if (const int working = sim_working_orders(f); working != 0)
    problems.push_back(std::to_string(working) + " orders still working at the simulator");
  int opened = 0, closed = 0;
  std::int64_t charges = 0, net = 0;
  for (const auto& e : j.events) {
    opened += std::holds_alternative<events::position_opened>(e.body);
    if (const auto* c = std::get_if<events::position_closed>(&e.body)) {
      ++closed;
      charges += c->charges_paise;
      net += c->net_pnl_paise;
    }
  }
  if (opened != closed)
    problems.push_back(std::to_string(opened) + " positions opened, " + std::to_string(closed) +
                       " closed");
  if (const auto flow = sim_cash_flow(f); net != flow - charges)
    problems.push_back("journal net P&L " + std::to_string(net) + " paise; the simulator's cash " +
                       "flow " + std::to_string(flow) + " less charges " + std::to_string(charges));
  if (j.state.today.realized_pnl_paise != net)
    problems.push_back("the day's realized P&L " +
                       std::to_string(j.state.today.realized_pnl_paise) +
                       " paise, its closed positions " + std::to_string(net));
  return problems;
}

}  // namespace strike::test::soak
