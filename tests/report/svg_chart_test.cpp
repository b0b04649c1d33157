// The drawing pieces of `striked report`: escaping, number formatting, scales, ticks and the
// display downsampling that must never lose a peak or a trough.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <vector>

#include "daemon/report/svg_chart.hpp"

namespace strike::test::svg_chart_test {

namespace rp = strike::daemon::report;

// A zig-zag with one spike up (at 1234) and one down (at 4321), where n reaches them, hidden
// among thousands of points.
std::vector<rp::point> zig_zag(std::size_t n) {
  std::vector<rp::point> ps;
  for (std::size_t i = 0; i < n; ++i)
    ps.push_back({static_cast<double>(i), static_cast<double>(i % 7) - 3.0});
  if (n > 1234) ps[1234].y = 1000;
  if (n > 4321) ps[4321].y = -1000;
  return ps;
}

}  // namespace strike::test::svg_chart_test

using namespace strike::test::svg_chart_test;

TEST_CASE("report svg: escape_html replaces the five characters special to HTML") {
  CHECK(rp::escape_html("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(rp::escape_html("NIFTY06JAN2626000CE ₹") == "NIFTY06JAN2626000CE ₹");
  CHECK(rp::escape_html("<script>alert(1)</script>").find('<') == std::string::npos);
}

TEST_CASE("report svg: fixed prints a fixed number of decimals and never a negative zero") {
  CHECK(rp::fixed(12.346, 2) == "12.35");
  CHECK(rp::fixed(12.0, 1) == "12.0");
  CHECK(rp::fixed(-0.04, 1) == "0.0");
  CHECK(rp::fixed(-0.4, 0) == "0");
  CHECK(rp::fixed(-1.25, 1).front() == '-');
  CHECK(rp::fixed(std::numeric_limits<double>::infinity(), 2) == "0.00");
}

TEST_CASE("report svg: a linear scale maps the domain onto the range, flipped or not") {
  const rp::linear_scale s{0, 100, 300, 20};  // y grows downwards in SVG
  CHECK(s(0) == doctest::Approx(300));
  CHECK(s(100) == doctest::Approx(20));
  CHECK(s(50) == doctest::Approx(160));
  const rp::linear_scale flat{5, 5, 0, 10};
  CHECK(flat(5) == doctest::Approx(5));  // a zero-width domain maps to the middle
}

TEST_CASE("report svg: nice ticks are round steps inside the range") {
  const auto ticks = rp::nice_ticks(-130, 870, 5);
  REQUIRE(ticks.size() >= 3);
  CHECK(ticks.front() >= -130);
  CHECK(ticks.back() <= 870);
  CHECK(std::find(ticks.begin(), ticks.end(), 0.0) != ticks.end());
  for (std::size_t i = 1; i < ticks.size(); ++i)
    CHECK(ticks[i] - ticks[i - 1] == doctest::Approx(200));
  CHECK(rp::nice_ticks(3, 3, 5) == std::vector<double>{3});
}

TEST_CASE("report svg: downsampling keeps every peak and trough, the ends and x order") {
  const auto ps = zig_zag(10'000);
  const auto ds = rp::downsample_min_max(ps, 2000);
  CHECK(ds.size() <= 2000);
  CHECK(ds.size() > 1000);
  CHECK(ds.front() == ps.front());
  CHECK(ds.back() == ps.back());
  CHECK(std::is_sorted(ds.begin(), ds.end(),
                       [](const rp::point& a, const rp::point& b) { return a.x < b.x; }));
  const auto [lo, hi] = std::minmax_element(
      ds.begin(), ds.end(), [](const rp::point& a, const rp::point& b) { return a.y < b.y; });
  CHECK(lo->y == -1000);
  CHECK(lo->x == 4321);
  CHECK(hi->y == 1000);
  CHECK(hi->x == 1234);
}

TEST_CASE("report svg: a series shorter than the limit is drawn whole") {
  const auto ps = zig_zag(2000);
  CHECK(rp::downsample_min_max(ps, 2000) == ps);
}

TEST_CASE("report svg: polylines and bars are written with one decimal and escaped titles") {
  const std::vector<rp::point> px{{1, 2}, {3.26, 4.74}};
  CHECK(rp::polyline(px, "eq") == "<polyline class=\"eq\" points=\"1.0,2.0 3.3,4.7\"/>\n");
  const std::string b = rp::bar(10, 5, 100, 40, false, "2026-01-05: <₹5>");
  CHECK(b.find("y=\"40.0\"") != std::string::npos);
  CHECK(b.find("height=\"60.0\"") != std::string::npos);
  CHECK(b.find("&lt;₹5&gt;") != std::string::npos);
  CHECK(rp::svg_open(rp::plot_area{}, "a & b").find("xmlns=\"http://www.w3.org/2000/svg\"") !=
        std::string::npos);
}
