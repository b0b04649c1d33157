// The drawing pieces of the report's charts: HTML escaping, fixed number formatting, linear
// scales, tick steps, min/max downsampling, and polylines and bars written into a string.
//
// Pure and deterministic: the same input gives the same bytes (numbers are printed with a
// fixed number of decimals, never in the locale's or the shortest form).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace strike::daemon::report {

// text with & < > " ' replaced by entities; safe inside elements and quoted attributes.
std::string escape_html(std::string_view text);

// v with exactly `decimals` decimals ("12.5" for 12.49 and 1); never "-0.0".
std::string fixed(double v, int decimals);

struct point {
  double x = 0;
  double y = 0;
  bool operator==(const point&) const = default;
};

// Maps [domain_lo, domain_hi] onto [range_lo, range_hi]; a domain of zero width maps to the
// middle of the range.
struct linear_scale {
  double domain_lo = 0, domain_hi = 1;
  double range_lo = 0, range_hi = 1;
  double operator()(double v) const;
};

// About `count` round tick values (1, 2 or 5 times a power of ten apart) covering [lo, hi].
std::vector<double> nice_ticks(double lo, double hi, int count);

// At most max_points of points (max_points >= 4), for display: the points are cut into buckets
// of consecutive points and each bucket keeps its lowest and highest y in x order, so every
// peak and trough of the series survives; the first and last points are always kept. Fewer
// points than max_points come back unchanged.
std::vector<point> downsample_min_max(std::span<const point> points, std::size_t max_points);

// The box a chart draws its data in, inside an SVG of width × height.
struct plot_area {
  double width = 960, height = 320;                     // the whole SVG
  double left = 72, right = 72, top = 16, bottom = 36;  // margins for axes and labels
  double x0() const { return left; }
  double x1() const { return width - right; }
  double y0() const { return height - bottom; }  // the bottom of the data box
  double y1() const { return top; }
};

// A y scale over [lo, hi] with a little air, widened to include 0 when with_zero, so that a
// flat series still shows.
linear_scale padded_scale(const plot_area& area, double lo, double hi, bool with_zero);
// Data points through the scales, into pixels.
std::vector<point> to_pixels(std::span<const point> points, const linear_scale& x,
                             const linear_scale& y);

// "<svg ...>" opening an SVG of the area's size, with an accessible title.
std::string svg_open(const plot_area& area, std::string_view title);
// A polyline of points already in pixels.
std::string polyline(std::span<const point> pixels, std::string_view css_class);
// A horizontal axis line at pixel y with tick labels at the given pixel x positions.
std::string x_axis(const plot_area& area, double y, std::span<const double> xs,
                   std::span<const std::string> labels);
// A vertical axis of ticks (values through scale) on the left or the right edge, with grid
// lines across the plot for the left axis.
std::string y_axis(const plot_area& area, const linear_scale& scale, std::span<const double> ticks,
                   bool right, int decimals);
// One bar from baseline to value pixel y, coloured by its sign, titled for hover.
std::string bar(double x, double width, double base_y, double value_y, bool negative,
                std::string_view title);

}  // namespace strike::daemon::report
