#include "daemon/report/report_charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "core/ist.hpp"
#include "daemon/report/svg_chart.hpp"

namespace strike::daemon::report {

namespace {

double rupees(std::int64_t paise) {
  return static_cast<double>(paise) / 100.0;
}

const std::string no_trades = "<p class=\"empty\">No closed trades in this journal.</p>\n";

std::pair<double, double> y_range(const std::vector<point>& ps) {
  auto [lo, hi] = std::minmax_element(ps.begin(), ps.end(),
                                      [](const point& p, const point& q) { return p.y < q.y; });
  return {lo->y, hi->y};
}

// Five dates evenly spread over a time axis.
std::string date_axis(const plot_area& a, const linear_scale& x, double y) {
  std::vector<double> xs;
  std::vector<std::string> labels;
  for (int i = 0; i <= 4; ++i) {
    const double t = x.domain_lo + (x.domain_hi - x.domain_lo) * i / 4;
    xs.push_back(x(t));
    labels.push_back(core::format_date(core::ist_date(static_cast<std::int64_t>(t))));
  }
  return x_axis(a, y, xs, labels);
}

// The equity as the step it is: 0 from the journal's first event, changing only at each close,
// held to the last event.
std::vector<point> equity_points(const report_data& d) {
  std::vector<point> ps{{static_cast<double>(d.header.first_ts), 0.0}};
  for (const timed_value& v : d.equity) {
    ps.push_back({static_cast<double>(v.ts), ps.back().y});
    ps.push_back({static_cast<double>(v.ts), rupees(v.value)});
  }
  ps.push_back({static_cast<double>(d.header.last_ts), ps.back().y});
  return ps;
}

std::string legend(const plot_area& a, const std::string& left, const std::string& right,
                   const char* left_class = "eq") {
  std::string out = std::string("<text class=\"legend ") + left_class + "\" x=\"" +
                    fixed(a.x0() + 8, 1) + "\" y=\"" + fixed(a.y1() + 14, 1) + "\">" +
                    escape_html(left) + "</text>\n";
  if (!right.empty())
    out += "<text class=\"legend ix\" x=\"" + fixed(a.x1() - 8, 1) + "\" y=\"" +
           fixed(a.y1() + 14, 1) + "\" text-anchor=\"end\">" + escape_html(right) + "</text>\n";
  return out;
}

}  // namespace

std::string equity_chart(const report_data& d) {
  if (d.equity.empty()) return no_trades;
  const plot_area a;
  const std::vector<point> eq = equity_points(d);
  const linear_scale x{static_cast<double>(d.header.first_ts),
                       static_cast<double>(d.header.last_ts), a.x0(), a.x1()};
  const auto [lo, hi] = y_range(eq);
  const linear_scale y = padded_scale(a, lo, hi, true);
  std::string out = svg_open(a, "Equity: cumulative net P&L after each closed trade");
  out += y_axis(a, y, nice_ticks(y.domain_lo, y.domain_hi, 5), false, 0);
  out += date_axis(a, x, a.y0());
  if (!d.index.empty()) {
    std::vector<point> ix;
    ix.reserve(d.index.size());
    for (const timed_value& v : d.index) ix.push_back({static_cast<double>(v.ts), rupees(v.value)});
    const auto [ilo, ihi] = y_range(ix);
    const linear_scale iy = padded_scale(a, ilo, ihi, false);
    out += y_axis(a, iy, nice_ticks(iy.domain_lo, iy.domain_hi, 5), true, 0);
    out += polyline(to_pixels(downsample_min_max(ix, max_points), x, iy), "ix");
  }
  out += polyline(to_pixels(downsample_min_max(eq, max_points), x, y), "eq");
  out += legend(a, "net P&L (₹, left)", d.index.empty() ? "" : "NIFTY (right)");
  return out + "</svg>\n";
}

std::string drawdown_chart(const report_data& d) {
  if (d.equity.empty()) return no_trades;
  const plot_area a;
  std::vector<point> dd;
  double peak = 0;
  for (const point& p : equity_points(d)) {
    peak = std::max(peak, p.y);
    dd.push_back({p.x, p.y - peak});
  }
  const linear_scale x{static_cast<double>(d.header.first_ts),
                       static_cast<double>(d.header.last_ts), a.x0(), a.x1()};
  const auto [lo, hi] = y_range(dd);
  const linear_scale y = padded_scale(a, lo, hi, true);
  std::vector<point> pixels = to_pixels(downsample_min_max(dd, max_points), x, y);
  // Closed along the zero line, so the fill is the area under water.
  pixels.insert(pixels.begin(), {pixels.front().x, y(0)});
  pixels.push_back({pixels.back().x, y(0)});
  std::string out = svg_open(a, "Drawdown: net P&L below its running peak");
  out += y_axis(a, y, nice_ticks(y.domain_lo, y.domain_hi, 5), false, 0);
  out += date_axis(a, x, a.y0());
  out += polyline(pixels, "dd");
  out += legend(a, "drawdown (₹)", "", "dd");
  return out + "</svg>\n";
}

std::string daily_pnl_chart(const report_data& d) {
  if (d.daily_net.empty()) return "<p class=\"empty\">No sessions in this journal.</p>\n";
  const plot_area a;
  const double n = static_cast<double>(d.daily_net.size());
  double lo = 0, hi = 0;
  for (const auto& [day, net] : d.daily_net) {
    lo = std::min(lo, rupees(net));
    hi = std::max(hi, rupees(net));
  }
  const linear_scale y = padded_scale(a, lo, hi, true);
  const double slot = (a.x1() - a.x0()) / n;
  std::string out = svg_open(a, "Net P&L of each session");
  out += y_axis(a, y, nice_ticks(y.domain_lo, y.domain_hi, 5), false, 0);
  std::vector<double> xs;
  std::vector<std::string> labels;
  const std::size_t every = std::max<std::size_t>(1, (d.daily_net.size() + 5) / 6);
  std::size_t i = 0;
  for (const auto& [day, net] : d.daily_net) {
    const double left = a.x0() + slot * static_cast<double>(i);
    out += bar(left + slot * 0.1, slot * 0.8, y(0), y(rupees(net)), net < 0,
               day + ": ₹" + fixed(rupees(net), 2));
    if (i % every == 0) {
      xs.push_back(left + slot / 2);
      labels.push_back(day);
    }
    ++i;
  }
  out += x_axis(a, y(0), {}, {});
  out += x_axis(a, a.y0(), xs, labels);
  return out + "</svg>\n";
}

std::string trade_return_histogram(const report_data& d) {
  std::vector<double> returns;
  for (const trade_row& t : d.trades) {
    const double cost =
        static_cast<double>(t.entry_avg_paise) * static_cast<double>(std::llabs(t.qty));
    if (cost > 0) returns.push_back(100.0 * static_cast<double>(t.net_pnl_paise) / cost);
  }
  if (returns.empty()) return no_trades;
  const plot_area a;
  auto [mn, mx] = std::minmax_element(returns.begin(), returns.end());
  double lo = std::floor(*mn), hi = std::ceil(*mx);
  if (hi <= lo) hi = lo + 1;
  const int bins = std::clamp(static_cast<int>(std::sqrt(returns.size())) + 1, 5, 30);
  const double width = (hi - lo) / bins;
  std::vector<int> counts(static_cast<std::size_t>(bins), 0);
  for (double r : returns)
    ++counts[static_cast<std::size_t>(std::clamp(static_cast<int>((r - lo) / width), 0, bins - 1))];
  const linear_scale x{lo, hi, a.x0(), a.x1()};
  const linear_scale y{0, static_cast<double>(*std::max_element(counts.begin(), counts.end())),
                       a.y0(), a.y1() + 20};
  std::string out = svg_open(a, "Histogram of trade returns (% of the money put in)");
  std::vector<double> ticks;
  for (double t : nice_ticks(0, y.domain_hi, 4))
    if (t == std::floor(t)) ticks.push_back(t);
  out += y_axis(a, y, ticks, false, 0);
  std::vector<double> xs;
  std::vector<std::string> labels;
  for (int b = 0; b < bins; ++b) {
    const double from = lo + width * b;
    out += bar(x(from) + 1, x(from + width) - x(from) - 2, y(0),
               y(counts[static_cast<std::size_t>(b)]), from + width / 2 < 0,
               fixed(from, 2) + " % to " + fixed(from + width, 2) +
                   " %: " + std::to_string(counts[static_cast<std::size_t>(b)]) + " trades");
  }
  for (double t : nice_ticks(lo, hi, 6)) {
    xs.push_back(x(t));
    labels.push_back(fixed(t, std::abs(hi - lo) < 6 ? 1 : 0) + " %");
  }
  out += x_axis(a, a.y0(), xs, labels);
  return out + "</svg>\n";
}

}  // namespace strike::daemon::report
