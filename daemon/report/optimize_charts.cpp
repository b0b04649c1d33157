#include "daemon/report/optimize_charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

#include "daemon/report/report_tables.hpp"
#include "daemon/report/svg_chart.hpp"

namespace strike::daemon::report {

namespace {

// A parameter's values as the cells of one axis of a map.
struct heat_axis {
  std::vector<std::string> labels;
  std::vector<int> cell;  // by trial (index into d.trials); -1 for a trial that failed
};

std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

heat_axis axis_of(const optimization_data& d, std::size_t p) {
  heat_axis a;
  a.cell.assign(d.trials.size(), -1);
  bool numeric = true;
  for (const trial_result& t : d.trials)
    if (t.error.empty() && (p >= t.numbers.size() || !t.numbers[p])) numeric = false;
  if (!numeric) {
    std::map<std::string, int> order;
    for (const trial_result& t : d.trials)
      if (t.error.empty() && p < t.values.size()) order.emplace(t.values[p], 0);
    int i = 0;
    for (auto& [text, n] : order) {
      n = i++;
      a.labels.push_back(text);
    }
    for (std::size_t k = 0; k < d.trials.size(); ++k)
      if (d.trials[k].error.empty() && p < d.trials[k].values.size())
        a.cell[k] = order[d.trials[k].values[p]];
    return a;
  }
  std::map<double, std::string> values;  // each value and its text as the sweep wrote it
  for (const trial_result& t : d.trials)
    if (t.error.empty()) values.emplace(*t.numbers[p], t.values[p]);
  if (values.empty()) return a;
  if (values.size() <= max_heat_map_cells) {
    std::map<double, int> order;
    for (const auto& [v, text] : values) {
      order[v] = static_cast<int>(a.labels.size());
      a.labels.push_back(text);
    }
    for (std::size_t k = 0; k < d.trials.size(); ++k)
      if (d.trials[k].error.empty()) a.cell[k] = order[*d.trials[k].numbers[p]];
    return a;
  }
  // A random search's continuous values: equal bins over their range.
  const double lo = values.begin()->first, hi = values.rbegin()->first;
  const auto bins = static_cast<int>(max_heat_map_cells);
  const double width = (hi - lo) / bins;
  for (int b = 0; b < bins; ++b)
    a.labels.push_back(short_number(lo + width * b) + "–" + short_number(lo + width * (b + 1)));
  for (std::size_t k = 0; k < d.trials.size(); ++k)
    if (d.trials[k].error.empty())
      a.cell[k] = std::clamp(static_cast<int>((*d.trials[k].numbers[p] - lo) / width), 0, bins - 1);
  return a;
}

struct heat_cell {
  bool any = false;
  bool feasible = false;
  double value = 0;
  std::int64_t trial = 0;
  int trials = 0;
};

// Red through yellow to green as t goes from 0 to 1.
std::string ramp(double t) {
  t = std::clamp(t, 0.0, 1.0);
  const auto mix = [](int a, int b, double f) {
    return static_cast<int>(std::lround(a + (b - a) * f));
  };
  int r, g, b;
  if (t < 0.5) {
    r = mix(198, 253, t * 2), g = mix(40, 216, t * 2), b = mix(40, 53, t * 2);
  } else {
    r = mix(253, 46, t * 2 - 1), g = mix(216, 125, t * 2 - 1), b = mix(53, 50, t * 2 - 1);
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
  return buf;
}

std::string heat_map(const optimization_data& d, std::size_t px, std::size_t py,
                     const std::string& objective) {
  const heat_axis xa = axis_of(d, px), ya = axis_of(d, py);
  const std::size_t cols = xa.labels.size(), rows = ya.labels.size();
  std::vector<heat_cell> cells(cols * rows);
  for (std::size_t k = 0; k < d.trials.size(); ++k) {
    if (xa.cell[k] < 0 || ya.cell[k] < 0) continue;
    const trial_result& t = d.trials[k];
    heat_cell& c =
        cells[static_cast<std::size_t>(ya.cell[k]) * cols + static_cast<std::size_t>(xa.cell[k])];
    ++c.trials;
    // A feasible trial outranks any infeasible one; among equals the higher objective wins,
    // ties to the lower trial (the trials come in trial order).
    if (!c.any || (t.feasible && !c.feasible) ||
        (t.feasible == c.feasible && t.objective > c.value)) {
      c.any = true;
      c.feasible = t.feasible;
      c.value = t.objective;
      c.trial = t.trial;
    }
  }
  double lo = 0, hi = 0;
  bool first = true;
  for (const heat_cell& c : cells)
    if (c.any) {
      lo = first ? c.value : std::min(lo, c.value);
      hi = first ? c.value : std::max(hi, c.value);
      first = false;
    }
  plot_area a;
  a.left = 150;
  a.bottom = 52;
  a.top = 24;
  const double cell_h =
      std::clamp(320.0 / static_cast<double>(std::max<std::size_t>(rows, 1)), 14.0, 40.0);
  a.height = a.top + a.bottom + cell_h * static_cast<double>(rows);
  const double cell_w = (a.x1() - a.x0()) / static_cast<double>(std::max<std::size_t>(cols, 1));
  const std::string& xname = d.parameters[px];
  const std::string& yname = d.parameters[py];
  std::string out = svg_open(a, "Best " + objective + " by " + xname + " and " + yname);
  const bool labelled = cols * rows <= 144;
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) {
      const heat_cell& h = cells[r * cols + c];
      if (!h.any) continue;
      const double x = a.x0() + cell_w * static_cast<double>(c);
      // The first value at the bottom, as on a plot.
      const double y = a.y0() - cell_h * static_cast<double>(r + 1);
      const std::string title =
          xname + " " + xa.labels[c] + ", " + yname + " " + ya.labels[r] + ": best " + objective +
          " " + objective_text(objective, h.value) + " (trial " + std::to_string(h.trial) + ", " +
          std::to_string(h.trials) + " trials" + (h.feasible ? "" : ", none feasible") + ")";
      out += "<rect class=\"cell" + std::string(h.feasible ? "" : " infeasible") + "\" x=\"" +
             fixed(x, 1) + "\" y=\"" + fixed(y, 1) + "\" width=\"" + fixed(cell_w, 1) +
             "\" height=\"" + fixed(cell_h, 1) + "\" fill=\"" +
             ramp(hi > lo ? (h.value - lo) / (hi - lo) : 0.5) + "\"><title>" + escape_html(title) +
             "</title></rect>\n";
      if (labelled)
        out += "<text class=\"cell\" x=\"" + fixed(x + cell_w / 2, 1) + "\" y=\"" +
               fixed(y + cell_h / 2 + 4, 1) + "\" text-anchor=\"middle\">" +
               escape_html(objective_text(objective, h.value)) + "</text>\n";
    }
  for (std::size_t r = 0; r < rows; ++r)
    out += "<text class=\"tick\" x=\"" + fixed(a.x0() - 6, 1) + "\" y=\"" +
           fixed(a.y0() - cell_h * (static_cast<double>(r) + 0.5) + 4, 1) +
           "\" text-anchor=\"end\">" + escape_html(ya.labels[r]) + "</text>\n";
  std::vector<double> xs;
  for (std::size_t c = 0; c < cols; ++c)
    xs.push_back(a.x0() + cell_w * (static_cast<double>(c) + 0.5));
  out += x_axis(a, a.y0(), xs, xa.labels);
  out += "<text class=\"legend\" x=\"" + fixed((a.x0() + a.x1()) / 2, 1) + "\" y=\"" +
         fixed(a.y0() + 40, 1) + "\" text-anchor=\"middle\">" + escape_html(xname) + "</text>\n";
  out += "<text class=\"legend\" x=\"" + fixed(a.x0() - 6, 1) + "\" y=\"" + fixed(a.y1() - 8, 1) +
         "\" text-anchor=\"end\">" + escape_html(yname) + "</text>\n";
  return out + "</svg>\n";
}

}  // namespace

std::string objective_text(const std::string& objective, double value) {
  // net_pnl is in paise: shown as rupees, to the paisa.
  if (objective == "net_pnl") return rupees_text(std::llround(value));
  return fixed(value, 3);
}

std::string heat_maps(const optimization_data& d) {
  const std::size_t n = std::min(d.parameters.size(), max_heat_map_parameters);
  if (n < 2)
    return "<p class=\"empty\">A heat map needs two parameters; this sweep has " +
           std::to_string(d.parameters.size()) + ".</p>\n";
  const std::string objective =
      d.summary && !d.summary->objective.empty() ? d.summary->objective : "objective";
  std::string select = "<p><label>Parameters: <select class=\"chooser\" data-group=\"heat\">\n";
  std::string maps;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const std::string choice = std::to_string(i) + "-" + std::to_string(j);
      const std::string name = d.parameters[i] + " × " + d.parameters[j];
      select += "<option value=\"" + choice + "\">" + escape_html(name) + "</option>\n";
      maps += "<div class=\"heat\" data-group=\"heat\" data-choice=\"" + choice + "\"" +
              (i == 0 && j == 1 ? "" : " hidden") + ">\n" + heat_map(d, i, j, objective) +
              "</div>\n";
    }
  std::string out = select + "</select></label></p>\n" + maps;
  out += "<p class=\"note\">Each cell is the best " + escape_html(objective) +
         " of the trials with those two values, whatever the other parameters were; a pale cell "
         "had no trial meeting the constraints. Hover a cell for its trial.";
  if (d.parameters.size() > n)
    out += " Maps are drawn for the first " + std::to_string(n) + " parameters only.";
  return out + "</p>\n";
}

std::string walk_forward_chart(const optimization_data& d) {
  std::vector<const walk_fold*> traded;
  for (const walk_fold& f : d.folds)
    if (f.trial) traded.push_back(&f);
  if (traded.empty()) return "<p class=\"empty\">No window was traded.</p>\n";
  const std::string objective = d.walk ? d.walk->objective : "objective";
  plot_area a;
  a.top = 28;  // the legend goes above the bars
  // net_pnl is in paise; its axis reads in rupees.
  const double unit = objective == "net_pnl" ? 100.0 : 1.0;
  const std::string in_rupees = objective == "net_pnl" ? ", ₹" : "";
  double lo = 0, hi = 0;
  for (const walk_fold* f : traded) {
    lo = std::min({lo, f->in_sample / unit, f->out_of_sample / unit});
    hi = std::max({hi, f->in_sample / unit, f->out_of_sample / unit});
  }
  const linear_scale y = padded_scale(a, lo, hi, true);
  const double slot = (a.x1() - a.x0()) / static_cast<double>(traded.size());
  std::string out = svg_open(a, "In-sample and out-of-sample " + objective + " by window");
  out +=
      y_axis(a, y, nice_ticks(y.domain_lo, y.domain_hi, 5), false, objective == "net_pnl" ? 0 : 2);
  std::vector<double> xs;
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < traded.size(); ++i) {
    const walk_fold& f = *traded[i];
    const double left = a.x0() + slot * static_cast<double>(i);
    const auto rect = [&](double x, double value, const char* css, const char* which) {
      const double top = std::min(y(0), y(value / unit));
      return std::string("<rect class=\"") + css + "\" x=\"" + fixed(x, 1) + "\" y=\"" +
             fixed(top, 1) + "\" width=\"" + fixed(slot * 0.38, 1) + "\" height=\"" +
             fixed(std::max(std::abs(y(0) - y(value / unit)), 0.5), 1) + "\"><title>window " +
             std::to_string(f.window) + " " + which + ": " +
             escape_html(objective_text(objective, value)) + "</title></rect>\n";
    };
    out += rect(left + slot * 0.1, f.in_sample, "ins", "in sample");
    out += rect(left + slot * 0.52, f.out_of_sample, "oos", "out of sample");
    xs.push_back(left + slot / 2);
    labels.push_back("window " + std::to_string(f.window));
  }
  out += x_axis(a, y(0), {}, {});
  out += x_axis(a, a.y0(), xs, labels);
  out += "<text class=\"legend ins\" x=\"" + fixed(a.x0(), 1) + "\" y=\"" + fixed(14.0, 1) +
         "\">in sample (training window" + in_rupees + ")</text>\n";
  out += "<text class=\"legend oos\" x=\"" + fixed(a.x1(), 1) + "\" y=\"" + fixed(14.0, 1) +
         "\" text-anchor=\"end\">out of sample (test window" + in_rupees + ")</text>\n";
  return out + "</svg>\n";
}

}  // namespace strike::daemon::report
