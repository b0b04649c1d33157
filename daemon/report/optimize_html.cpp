#include "daemon/report/optimize_html.hpp"

#include <cmath>

#include "daemon/report/optimize_charts.hpp"
#include "daemon/report/report_html.hpp"
#include "daemon/report/report_tables.hpp"
#include "daemon/report/svg_chart.hpp"

namespace strike::daemon::report {

namespace {

std::string percent(double share) {
  return fixed(100.0 * share, 0) + " %";
}

std::string summary_html(const sweep_summary& s) {
  std::string out = "<dl class=\"head\">\n";
  const auto row = [&](const char* name, const std::string& value) {
    out += std::string("<dt>") + name + "</dt><dd>" + escape_html(value) + "</dd>\n";
  };
  row("trials", std::to_string(s.trials) + " (" + std::to_string(s.feasible) + " feasible, " +
                    std::to_string(s.failed) + " failed)");
  row("objective", s.objective.empty() ? "unknown" : s.objective);
  row("best trial", s.best ? std::to_string(*s.best) + ": " + objective_text(s.objective, s.value)
                           : "none: no trial met the constraints");
  if (s.deflated_sharpe)
    row("deflated Sharpe", fixed(*s.deflated_sharpe, 4) + " (daily Sharpe " +
                               fixed(s.daily_sharpe, 4) + ", best of as many without skill " +
                               fixed(s.expected_max_sharpe, 4) + ")");
  if (s.pbo) row("PBO", fixed(*s.pbo, 4) + " (" + std::to_string(s.pbo_blocks) + " blocks)");
  out += "</dl>\n";
  if (s.deflated_sharpe)
    out += "<p class=\"reading\">" +
           escape_html(deflated_sharpe_reading(*s.deflated_sharpe, s.trials)) + "</p>\n";
  if (s.pbo) out += "<p class=\"reading\">" + escape_html(overfitting_reading(*s.pbo)) + "</p>\n";
  return out;
}

std::string results_table(const optimization_data& d) {
  if (d.trials.empty()) return "<p class=\"empty\">No trials in results.jsonl.</p>\n";
  const std::string objective =
      d.summary && !d.summary->objective.empty() ? d.summary->objective : "objective";
  std::string out = "<table class=\"trades sortable results\">\n<thead><tr><th>trial</th>";
  for (const std::string& p : d.parameters) out += "<th>" + escape_html(p) + "</th>";
  out += "<th>" + escape_html(objective) +
         "</th><th>feasible</th><th>sessions</th><th>trades</th><th>win rate</th>"
         "<th>net P&amp;L</th><th>max drawdown</th><th>max drawdown %</th><th>Sharpe</th>"
         "<th>profit factor</th></tr></thead>\n<tbody>\n";
  const std::int64_t best = d.summary && d.summary->best ? *d.summary->best : -1;
  for (const trial_result& t : d.trials) {
    out += "<tr class=\"trial" + std::string(t.trial == best ? " best" : "") + "\">";
    out += td(std::to_string(t.trial), std::to_string(t.trial), true);
    for (std::size_t p = 0; p < d.parameters.size(); ++p) {
      const std::string text = p < t.values.size() ? t.values[p] : "";
      const bool number = p < t.numbers.size() && t.numbers[p];
      out += td(text, number ? fixed(*t.numbers[p], 9) : text, number);
    }
    if (!t.error.empty()) {
      out += td("failed: " + t.error, "") + td("no", "0") + "<td colspan=\"8\"></td></tr>\n";
      continue;
    }
    out += td(objective_text(objective, t.objective), fixed(t.objective, 9), true);
    out += td(t.feasible ? "yes" : "no", t.feasible ? "1" : "0");
    out += td(std::to_string(t.stats.sessions), std::to_string(t.stats.sessions), true);
    out += td(std::to_string(t.stats.trades), std::to_string(t.stats.trades), true);
    out += td(percent(t.stats.win_rate), fixed(t.stats.win_rate, 9), true);
    out += money_td(t.stats.net_pnl_paise) + money_td(-t.stats.max_drawdown_paise);
    out += td(fixed(t.stats.max_drawdown_pct, 2) + " %", fixed(t.stats.max_drawdown_pct, 9), true);
    out += td(fixed(t.stats.sharpe, 3), fixed(t.stats.sharpe, 9), true);
    out += td(fixed(t.stats.profit_factor, 3), fixed(t.stats.profit_factor, 9), true);
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string optional_text(const std::optional<double>& v, const std::string& objective) {
  return v ? objective_text(objective, *v) : "none";
}

std::string walk_forward_html(const optimization_data& d) {
  const std::string objective = d.walk ? d.walk->objective : "objective";
  std::string out;
  if (d.walk)
    out += "<p>Out of sample, the test windows together: " + escape_html(objective) + " " +
           escape_html(objective_text(objective, d.walk->out_of_sample)) + ", net P&amp;L " +
           escape_html(rupees_text(d.walk->out_of_sample_stats.net_pnl_paise)) + " over " +
           std::to_string(d.walk->out_of_sample_stats.sessions) + " sessions, " +
           std::to_string(d.walk->out_of_sample_stats.trades) +
           " trades. Mean of the windows: in sample " +
           escape_html(optional_text(d.walk->in_sample_mean, objective)) + ", out of sample " +
           escape_html(optional_text(d.walk->out_of_sample_mean, objective)) + ".</p>\n";
  out +=
      "<table class=\"trades sortable folds\">\n<thead><tr><th>window</th><th>train</th>"
      "<th>test</th><th>trial</th><th>in sample</th><th>out of sample</th>"
      "<th>out-of-sample net P&amp;L</th><th>trades</th><th>deflated Sharpe</th><th>PBO</th>"
      "</tr></thead>\n<tbody>\n";
  for (const walk_fold& f : d.folds) {
    out += "<tr class=\"fold\">";
    out += td(std::to_string(f.window), std::to_string(f.window), true);
    out += td(f.train_from + " to " + f.train_to + " (" + std::to_string(f.train_sessions) + ")",
              f.train_from);
    out += td(f.test_from + " to " + f.test_to + " (" + std::to_string(f.test_sessions) + ")",
              f.test_from);
    if (!f.trial) {
      out += td("none met the constraints; not traded", "-1") + "<td colspan=\"6\"></td></tr>\n";
      continue;
    }
    out += td(std::to_string(*f.trial), std::to_string(*f.trial), true);
    out += td(objective_text(objective, f.in_sample), fixed(f.in_sample, 9), true);
    out += td(objective_text(objective, f.out_of_sample), fixed(f.out_of_sample, 9), true);
    out += money_td(f.out_of_sample_stats.net_pnl_paise);
    out += td(std::to_string(f.out_of_sample_stats.trades),
              std::to_string(f.out_of_sample_stats.trades), true);
    const auto figure = [](const std::optional<sweep_summary>& s, bool pbo) {
      const std::optional<double> v = !s ? std::nullopt : pbo ? s->pbo : s->deflated_sharpe;
      return v ? td(fixed(*v, 4), fixed(*v, 9), true) : td("unknown", "");
    };
    out += figure(f.training, false) + figure(f.training, true) + "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  out += walk_forward_chart(d);
  return out + "<p class=\"note\">In sample is the chosen trial's " + escape_html(objective) +
         " on its training window, out of sample the same trial's on the test window after it; "
         "the windows differ in length, so a sum such as net P&amp;L is larger in sample for "
         "that alone. Each window's sweep, with its own deflated Sharpe ratio and PBO, is in "
         "window-K/ (<code>striked report DIR/window-K</code>).</p>\n";
}

}  // namespace

std::string deflated_sharpe_reading(double probability, std::int64_t trials) {
  std::string verdict = "unlikely to be luck";
  if (probability < 0.5)
    verdict = "no better than the search alone would find";
  else if (probability < 0.95)
    verdict = "could well be luck";
  return "Deflated Sharpe " + fixed(probability, 2) + ": a " + percent(probability) +
         " probability that the best trial's true Sharpe ratio beats the best that " +
         std::to_string(trials) + " trials without skill would show — " + verdict + ".";
}

std::string overfitting_reading(double probability) {
  std::string verdict = "little sign of overfitting";
  if (probability >= 0.5)
    verdict = "likely overfit";
  else if (probability >= 0.2)
    verdict = "some risk of overfitting";
  return "PBO " + fixed(probability, 2) +
         ": the best in-sample configuration ranked at or below the median out of sample in " +
         percent(probability) + " of splits — " + verdict + ".";
}

std::string optimization_html(const optimization_data& d) {
  const bool walk = !d.folds.empty();
  std::string out = page_open(std::string(walk ? "Strike walk-forward" : "Strike optimisation") +
                              " report: " + d.name);
  if (d.summary) out += section("summary", "Summary", summary_html(*d.summary));
  if (walk) out += section("walk-forward", "Walk-forward windows", walk_forward_html(d));
  if (!d.trials.empty() || !walk) {
    out += section("results", "Trials", results_table(d));
    out += section("heat-map", "Heat map", heat_maps(d));
  }
  return out + page_close();
}

}  // namespace strike::daemon::report
