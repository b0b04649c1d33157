#include "daemon/report/compare.hpp"

#include <algorithm>
#include <cstdlib>
#include <tuple>

#include "core/ist.hpp"
#include "daemon/report/report_tables.hpp"
#include "daemon/report/svg_chart.hpp"

namespace strike::daemon::report {

namespace ev = strike::events;

const std::string& session_tracker::session_of(const ev::event& e) {
  if (const auto* o = std::get_if<ev::session_opened>(&e.body)) opened_ = o->date;
  current_ = opened_.empty() ? core::format_date(core::ist_date(e.env.ts)) : opened_;
  return current_;
}

void session_collector::add(const ev::event& e) {
  const std::string& session = tracker_.session_of(e);
  if (std::holds_alternative<ev::session_opened>(e.body)) opened_.insert(session);
  if (std::holds_alternative<ev::position_closed>(e.body)) traded_.insert(session);
}

std::set<std::string> session_collector::result() const {
  return opened_.empty() ? traded_ : opened_;
}

bool session_filter::keep(const ev::event& e) {
  const std::string& session = tracker_.session_of(e);
  if (std::holds_alternative<ev::daemon_started>(e.body) ||
      std::holds_alternative<ev::config_loaded>(e.body) ||
      std::holds_alternative<ev::daemon_stopped>(e.body))
    return true;
  return sessions_.count(session) > 0;
}

namespace {

// When a trade entered: its open, or its close when the journal lacks the open.
std::int64_t entry_time(const trade_row& t) {
  return t.entry_ns ? t.entry_ns : t.exit_ns;
}

bool same_contract(const trade_row& a, const trade_row& b) {
  if (!a.symbol.empty() && !b.symbol.empty()) return a.symbol == b.symbol;
  return a.instrument == b.instrument;
}

}  // namespace

std::vector<trade_pair> match_trades(const std::vector<trade_row>& primary,
                                     const std::vector<trade_row>& other) {
  // Every candidate pair, nearest entries first; ties go to the earlier trades, so the result
  // depends on nothing but the two lists.
  std::vector<std::tuple<std::int64_t, std::size_t, std::size_t>> candidates;
  for (std::size_t i = 0; i < primary.size(); ++i)
    for (std::size_t j = 0; j < other.size(); ++j)
      if (primary[i].session == other[j].session && same_contract(primary[i], other[j]))
        candidates.emplace_back(std::llabs(entry_time(primary[i]) - entry_time(other[j])), i, j);
  std::sort(candidates.begin(), candidates.end());
  std::vector<bool> taken_primary(primary.size()), taken_other(other.size());
  std::vector<trade_pair> pairs;
  for (const auto& [gap, i, j] : candidates) {
    if (taken_primary[i] || taken_other[j]) continue;
    taken_primary[i] = taken_other[j] = true;
    pairs.push_back({i, j});
  }
  for (std::size_t i = 0; i < primary.size(); ++i)
    if (!taken_primary[i]) pairs.push_back({i, std::nullopt});
  for (std::size_t j = 0; j < other.size(); ++j)
    if (!taken_other[j]) pairs.push_back({std::nullopt, j});
  const auto key = [&](const trade_pair& p) {
    const trade_row& t = p.primary ? primary[*p.primary] : other[*p.other];
    return std::make_tuple(t.session, entry_time(t), p.primary.value_or(primary.size()),
                           p.other.value_or(other.size()));
  };
  std::sort(pairs.begin(), pairs.end(),
            [&](const trade_pair& a, const trade_pair& b) { return key(a) < key(b); });
  return pairs;
}

namespace {

const std::string blank = "<td data-v=\"\"></td>";

std::string time_td(const trade_row* t) {
  if (!t) return blank;
  return td(t->entry_ns ? ist_text(t->entry_ns).substr(11) : "unknown",
            std::to_string(t->entry_ns));
}

std::string money_or_blank(const trade_row* t, std::int64_t trade_row::*field) {
  return t ? money_td(t->*field) : blank;
}

std::string difference_td(const trade_row* a, const trade_row* b, std::int64_t trade_row::*field) {
  return a && b ? money_td(a->*field - b->*field) : blank;
}

std::string stats_side_by_side(const compared_run& primary, const compared_run& other) {
  const auto left = stats_rows(primary.data.stats);
  const auto right = stats_rows(other.data.stats);
  std::string out = "<table class=\"stats compare\">\n<tr><th></th><th>" +
                    escape_html(primary.label) + "</th><th>" + escape_html(other.label) +
                    "</th></tr>\n";
  // Both come from the same table of `striked stats`, so the lines are the same lines.
  for (std::size_t i = 0; i < std::min(left.size(), right.size()); ++i)
    out += "<tr><th>" + escape_html(left[i].first) + "</th><td>" + escape_html(left[i].second) +
           "</td><td>" + escape_html(right[i].second) + "</td></tr>\n";
  return out + "</table>\n";
}

std::string trades_side_by_side(const compared_run& primary, const compared_run& other) {
  const auto& a = primary.data.trades;
  const auto& b = other.data.trades;
  const std::vector<trade_pair> pairs = match_trades(a, b);
  // Short headings keep the table narrow; the line above it says which run is A and which B.
  std::string out =
      "<p class=\"note\">A: " + escape_html(primary.label) + ", B: " + escape_html(other.label) +
      "; Δ is A minus B.</p>\n<table class=\"trades sortable compared\">\n<thead><tr>"
      "<th>session</th><th>symbol</th><th>match</th><th>entry A</th><th>entry B</th>"
      "<th>entry price A</th><th>entry price B</th><th>Δ entry price</th><th>exit price A</th>"
      "<th>exit price B</th><th>Δ exit price</th><th>net P&amp;L A</th><th>net P&amp;L B</th>"
      "<th>Δ net P&amp;L</th></tr></thead>\n<tbody>\n";
  std::size_t matched = 0, only_primary = 0, only_other = 0;
  std::int64_t net_difference = 0;
  for (const trade_pair& p : pairs) {
    const trade_row* x = p.primary ? &a[*p.primary] : nullptr;
    const trade_row* y = p.other ? &b[*p.other] : nullptr;
    const trade_row& any = x ? *x : *y;
    std::string match = "matched";
    if (x && y) {
      ++matched;
      net_difference += x->net_pnl_paise - y->net_pnl_paise;
    } else {
      match = "only in " + (x ? primary.label : other.label);
      ++(x ? only_primary : only_other);
    }
    out += std::string("<tr class=\"") + (x && y ? "pair" : "unmatched") + "\">";
    out += td(any.session, any.session);
    out += td(any.symbol.empty() ? any.instrument : any.symbol, any.symbol);
    out += td(match, match);
    out += time_td(x) + time_td(y);
    for (auto field : {&trade_row::entry_avg_paise, &trade_row::exit_avg_paise})
      out += money_or_blank(x, field) + money_or_blank(y, field) + difference_td(x, y, field);
    out +=
        money_or_blank(x, &trade_row::net_pnl_paise) + money_or_blank(y, &trade_row::net_pnl_paise);
    out += difference_td(x, y, &trade_row::net_pnl_paise) + "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  return "<p class=\"matches\">" + std::to_string(matched) + " trades matched, " +
         std::to_string(only_primary) + " only in " + escape_html(primary.label) + ", " +
         std::to_string(only_other) + " only in " + escape_html(other.label) +
         "; net P&amp;L difference over the matched trades " +
         escape_html(rupees_text(net_difference)) + ".</p>\n" +
         (pairs.empty() ? std::string("<p class=\"empty\">No closed trades in either.</p>\n")
                        : out);
}

}  // namespace

std::string compare_html(const compared_run& primary, const compared_run& other,
                         const std::set<std::string>& shared_sessions) {
  if (shared_sessions.empty())
    return "<p class=\"empty\">" + escape_html(primary.label) + " and " + escape_html(other.label) +
           " share no session; there is nothing to compare.</p>\n";
  std::string out = "<p class=\"note\">" + escape_html(primary.label) + " beside " +
                    escape_html(other.label) + " over " +
                    (shared_sessions.size() == 1
                         ? std::string("the one session both cover, ")
                         : std::to_string(shared_sessions.size()) + " sessions both cover, ") +
                    escape_html(*shared_sessions.begin()) + " to " +
                    escape_html(*shared_sessions.rbegin()) +
                    "; the statistics and trades of other sessions are left out of this "
                    "section. Trades are matched within a session by symbol, the nearest entry "
                    "times first.</p>\n";
  out += stats_side_by_side(primary, other);
  out += trades_side_by_side(primary, other);
  return out;
}

}  // namespace strike::daemon::report
