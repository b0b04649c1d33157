#include "daemon/report/svg_chart.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>

namespace strike::daemon::report {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string fixed(double v, int decimals) {
  assert(decimals >= 0 && decimals <= 9);
  if (!std::isfinite(v)) v = 0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s(buf);
  // A negative value that rounds to zero prints "-0.00"; the sign would mean nothing.
  if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

double linear_scale::operator()(double v) const {
  const double span = domain_hi - domain_lo;
  if (span == 0) return (range_lo + range_hi) / 2;
  return range_lo + (v - domain_lo) / span * (range_hi - range_lo);
}

std::vector<double> nice_ticks(double lo, double hi, int count) {
  assert(count >= 2);
  if (!(hi > lo)) return {lo};
  const double raw = (hi - lo) / count;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  std::vector<double> ticks;
  for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

std::vector<point> downsample_min_max(std::span<const point> points, std::size_t max_points) {
  assert(max_points >= 4);
  if (points.size() <= max_points) return {points.begin(), points.end()};
  // Two points a bucket, plus the first and the last point.
  const std::size_t buckets = (max_points - 2) / 2;
  const std::size_t inner = points.size() - 2;
  std::vector<point> out;
  out.reserve(max_points);
  out.push_back(points.front());
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t from = 1 + inner * b / buckets;
    const std::size_t to = 1 + inner * (b + 1) / buckets;
    if (from == to) continue;
    std::size_t lo = from, hi = from;
    for (std::size_t i = from; i < to; ++i) {
      if (points[i].y < points[lo].y) lo = i;
      if (points[i].y > points[hi].y) hi = i;
    }
    out.push_back(points[std::min(lo, hi)]);
    if (lo != hi) out.push_back(points[std::max(lo, hi)]);
  }
  out.push_back(points.back());
  assert(out.size() <= max_points);
  return out;
}

linear_scale padded_scale(const plot_area& area, double lo, double hi, bool with_zero) {
  if (with_zero) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
  }
  const double pad = hi > lo ? (hi - lo) * 0.05 : std::max(1.0, std::abs(hi) * 0.05);
  return {lo - pad, hi + pad, area.y0(), area.y1()};
}

std::vector<point> to_pixels(std::span<const point> points, const linear_scale& x,
                             const linear_scale& y) {
  std::vector<point> out;
  out.reserve(points.size());
  for (const point& p : points) out.push_back({x(p.x), y(p.y)});
  return out;
}

std::string svg_open(const plot_area& area, std::string_view title) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + fixed(area.width, 0) + " " +
         fixed(area.height, 0) + "\" role=\"img\"><title>" + escape_html(title) + "</title>\n";
}

std::string polyline(std::span<const point> pixels, std::string_view css_class) {
  std::string out = "<polyline class=\"" + std::string(css_class) + "\" points=\"";
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    if (i) out += ' ';
    out += fixed(pixels[i].x, 1) + "," + fixed(pixels[i].y, 1);
  }
  return out + "\"/>\n";
}

std::string x_axis(const plot_area& area, double y, std::span<const double> xs,
                   std::span<const std::string> labels) {
  assert(xs.size() == labels.size());
  std::string out = "<line class=\"axis\" x1=\"" + fixed(area.x0(), 1) + "\" y1=\"" + fixed(y, 1) +
                    "\" x2=\"" + fixed(area.x1(), 1) + "\" y2=\"" + fixed(y, 1) + "\"/>\n";
  for (std::size_t i = 0; i < xs.size(); ++i)
    out += "<text class=\"tick\" x=\"" + fixed(xs[i], 1) + "\" y=\"" + fixed(area.y0() + 18, 1) +
           "\" text-anchor=\"middle\">" + escape_html(labels[i]) + "</text>\n";
  return out;
}

std::string y_axis(const plot_area& area, const linear_scale& scale, std::span<const double> ticks,
                   bool right, int decimals) {
  std::string out;
  const double x = right ? area.x1() + 6 : area.x0() - 6;
  for (double t : ticks) {
    const std::string y = fixed(scale(t), 1);
    if (!right)
      out += "<line class=\"grid\" x1=\"" + fixed(area.x0(), 1) + "\" y1=\"" + y + "\" x2=\"" +
             fixed(area.x1(), 1) + "\" y2=\"" + y + "\"/>\n";
    out += "<text class=\"tick\" x=\"" + fixed(x, 1) + "\" y=\"" + y +
           "\" dy=\"4\" text-anchor=\"" + (right ? "start" : "end") + "\">" + fixed(t, decimals) +
           "</text>\n";
  }
  return out;
}

std::string bar(double x, double width, double base_y, double value_y, bool negative,
                std::string_view title) {
  const double top = std::min(base_y, value_y);
  const double height = std::max(std::abs(base_y - value_y), 0.5);
  return "<rect class=\"" + std::string(negative ? "neg" : "pos") + "\" x=\"" + fixed(x, 1) +
         "\" y=\"" + fixed(top, 1) + "\" width=\"" + fixed(std::max(width, 0.5), 1) +
         "\" height=\"" + fixed(height, 1) + "\"><title>" + escape_html(title) +
         "</title></rect>\n";
}

}  // namespace strike::daemon::report
