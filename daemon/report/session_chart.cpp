#include "daemon/report/session_chart.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "core/ist.hpp"
#include "daemon/report/report_charts.hpp"
#include "daemon/report/report_tables.hpp"
#include "daemon/report/svg_chart.hpp"

namespace strike::daemon::report {

namespace {

constexpr int option_colours = 4;  // .op0 to .op3, cycled

double rupees(std::int64_t paise) {
  return static_cast<double>(paise) / 100.0;
}

std::vector<point> rupee_points(const std::vector<timed_value>& values) {
  std::vector<point> out;
  out.reserve(values.size());
  for (const timed_value& v : values) out.push_back({static_cast<double>(v.ts), rupees(v.value)});
  return out;
}

// One traded option: its line and the trades on it.
struct option_line {
  std::string instrument;
  std::string label;
  // Its bars as one line; without them, each trade's own prices apart, since nothing is known
  // of the price between one trade and the next.
  std::vector<std::vector<point>> lines;
  std::vector<const trade_row*> trades;
  bool from_bars = false;
};

std::vector<option_line> option_lines(const report_data& d) {
  std::vector<option_line> out;
  for (const trade_row& t : d.trades) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const option_line& o) { return o.instrument == t.instrument; });
    if (it == out.end()) {
      out.push_back({t.instrument, t.symbol.empty() ? t.instrument : t.symbol, {}, {}, false});
      it = out.end() - 1;
    }
    it->trades.push_back(&t);
  }
  for (option_line& o : out) {
    if (auto bars = d.bars.find(o.instrument); bars != d.bars.end() && !bars->second.empty()) {
      o.lines.push_back(rupee_points(bars->second));
      o.from_bars = true;
      continue;
    }
    // Without its bars, the prices the trade events saw are all the journal knows.
    for (const trade_row* t : o.trades) {
      std::vector<point> seen;
      if (t->entry_ns)
        seen.push_back({static_cast<double>(t->entry_ns), rupees(t->entry_avg_paise)});
      if (t->trigger_ns)
        seen.push_back({static_cast<double>(t->trigger_ns), rupees(t->trigger_paise)});
      seen.push_back({static_cast<double>(t->exit_ns), rupees(t->exit_avg_paise)});
      o.lines.push_back(std::move(seen));
    }
  }
  return out;
}

// Six times of day evenly spread over the axis, "09:15".
std::string time_axis(const plot_area& a, const linear_scale& x) {
  std::vector<double> xs;
  std::vector<std::string> labels;
  for (int i = 0; i <= 5; ++i) {
    const double t = x.domain_lo + (x.domain_hi - x.domain_lo) * i / 5;
    xs.push_back(x(t));
    labels.push_back(ist_text(static_cast<std::int64_t>(t)).substr(11, 5));
  }
  return x_axis(a, a.y0(), xs, labels);
}

// A triangle pointing up (an entry) or down (an exit) centred on the pixel, titled for hover.
std::string marker(point at, bool entry, const std::string& title) {
  const double s = 6;
  const double tip = entry ? at.y - s : at.y + s, base = entry ? at.y + s : at.y - s;
  return std::string("<path class=\"") + (entry ? "entry" : "exit") + "\" d=\"M" + fixed(at.x, 1) +
         "," + fixed(tip, 1) + " L" + fixed(at.x - s, 1) + "," + fixed(base, 1) + " L" +
         fixed(at.x + s, 1) + "," + fixed(base, 1) + " Z\"><title>" + escape_html(title) +
         "</title></path>\n";
}

std::string text_at(double x, double y, const std::string& css_class, const std::string& anchor,
                    const std::string& text) {
  return "<text class=\"legend " + css_class + "\" x=\"" + fixed(x, 1) + "\" y=\"" + fixed(y, 1) +
         "\" text-anchor=\"" + anchor + "\">" + escape_html(text) + "</text>\n";
}

std::pair<double, double> value_range(const std::vector<point>& ps, double lo, double hi) {
  for (const point& p : ps) {
    lo = std::min(lo, p.y);
    hi = std::max(hi, p.y);
  }
  return {lo, hi};
}

std::string price_chart(const report_data& d, const std::vector<option_line>& options,
                        const linear_scale& x_time) {
  // A band above the data for the legend, a line per option, so no name covers a price.
  plot_area a;
  a.top = 12 + 14 * static_cast<double>(std::max<std::size_t>(options.size(), 1));
  a.height += a.top - plot_area{}.top;
  const linear_scale x{x_time.domain_lo, x_time.domain_hi, a.x0(), a.x1()};
  std::string out = svg_open(a, "The index and the traded options over the session");
  out += time_axis(a, x);
  if (!d.index.empty()) {
    const std::vector<point> ix = rupee_points(d.index);
    const auto [lo, hi] = value_range(ix, ix.front().y, ix.front().y);
    const linear_scale y = padded_scale(a, lo, hi, false);
    out += y_axis(a, y, nice_ticks(y.domain_lo, y.domain_hi, 5), false, 0);
    out += polyline(to_pixels(downsample_min_max(ix, max_points), x, y), "ix");
    out += text_at(a.x0(), 12, "ix", "start", "NIFTY (left)");
  }
  if (options.empty()) return out + "</svg>\n";
  double lo = options.front().lines.front().front().y, hi = lo;
  for (const option_line& o : options)
    for (const auto& line : o.lines) std::tie(lo, hi) = value_range(line, lo, hi);
  const linear_scale y = padded_scale(a, lo, hi, false);
  out += y_axis(a, y, nice_ticks(y.domain_lo, y.domain_hi, 5), true, 0);
  for (std::size_t i = 0; i < options.size(); ++i) {
    const option_line& o = options[i];
    const std::string css = "op" + std::to_string(i % option_colours);
    for (const auto& line : o.lines)
      out += polyline(to_pixels(downsample_min_max(line, max_points), x, y), css);
    for (const trade_row* t : o.trades) {
      if (t->entry_ns)
        out += marker(
            {x(static_cast<double>(t->entry_ns)), y(rupees(t->entry_avg_paise))}, true,
            o.label + " entry " + ist_text(t->entry_ns) + " at " + rupees_text(t->entry_avg_paise));
      out += marker({x(static_cast<double>(t->exit_ns)), y(rupees(t->exit_avg_paise))}, false,
                    o.label + " exit " + ist_text(t->exit_ns) + " at " +
                        rupees_text(t->exit_avg_paise) +
                        (t->exit_reason.empty() ? "" : " (" + t->exit_reason + ")"));
    }
    out += text_at(a.x1(), 12 + 14 * static_cast<double>(i), css, "end",
                   o.label + (o.from_bars ? "" : " (fills only)") + " (right)");
  }
  return out + "</svg>\n";
}

std::string vix_chart(const report_data& d, const linear_scale& x_time) {
  if (d.vix.empty())
    return "<p class=\"empty\">No India VIX in this journal: its bars are journaled when "
           "<code>[market] journal_bars</code> names NSE:99926017, and the breaker journals the "
           "VIX it trips and resets at.</p>\n";
  plot_area a;
  a.height = 170;
  const linear_scale x{x_time.domain_lo, x_time.domain_hi, a.x0(), a.x1()};
  std::vector<point> vix;
  for (const timed_value& v : d.vix)
    vix.push_back({static_cast<double>(v.ts), static_cast<double>(v.value) / 100.0});
  const auto [lo, hi] = value_range(vix, vix.front().y, vix.front().y);
  const linear_scale y = padded_scale(a, lo, hi, false);
  std::string out = svg_open(a, "India VIX over the session");
  out += y_axis(a, y, nice_ticks(y.domain_lo, y.domain_hi, 3), false, 1);
  out += time_axis(a, x);
  const std::vector<point> pixels = to_pixels(downsample_min_max(vix, max_points), x, y);
  out += polyline(pixels, "vix");
  if (vix.size() <= 50)  // a few breaker readings: each is a point worth seeing
    for (const point& p : pixels)
      out += "<circle class=\"vix\" cx=\"" + fixed(p.x, 1) + "\" cy=\"" + fixed(p.y, 1) +
             "\" r=\"3\"/>\n";
  out += text_at(a.x0() + 8, a.y1() + 14, "vix", "start", "India VIX");
  return out + "</svg>\n";
}

}  // namespace

bool single_session(const report_data& d) {
  if (d.daily_net.size() == 1) return true;
  if (!d.daily_net.empty()) return false;
  std::set<std::string> days;
  for (const trade_row& t : d.trades) days.insert(t.session);
  return days.size() == 1;
}

std::string session_charts(const report_data& d) {
  const std::vector<option_line> options = option_lines(d);
  // The time axis spans everything drawn, so the three series line up.
  double from = 0, to = 0;
  bool any = false;
  const auto span = [&](double t) {
    from = any ? std::min(from, t) : t;
    to = any ? std::max(to, t) : t;
    any = true;
  };
  for (const timed_value& v : d.index) span(static_cast<double>(v.ts));
  for (const timed_value& v : d.vix) span(static_cast<double>(v.ts));
  for (const option_line& o : options)
    for (const auto& line : o.lines)
      for (const point& p : line) span(p.x);
  const linear_scale x_time{from, to, 0, 1};
  if (d.index.empty() && options.empty())
    return "<p class=\"empty\">Neither the index's bars nor a trade in this journal.</p>\n" +
           vix_chart(d, x_time);
  std::string out = price_chart(d, options, x_time);
  bool fills_only = false;
  for (const option_line& o : options) fills_only = fills_only || !o.from_bars;
  if (fills_only)
    out +=
        "<p class=\"note\">An option marked \"fills only\" has no journaled bars; its line "
        "joins the prices each trade saw (entry fill, exit trigger, exit fill).</p>\n";
  return out + vix_chart(d, x_time);
}

}  // namespace strike::daemon::report
