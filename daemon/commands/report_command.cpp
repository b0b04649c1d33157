// `striked report JOURNAL|DIR [--compare JOURNAL] [--out FILE.html] [--capital RUPEES]`: one
// self-contained HTML page of a journal's trades, statistics and charts, beside another
// journal's with --compare, or of an optimisation's output directory (daemon/report).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <set>

#include "base/file_io.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/commands/journal_tools.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/report/compare.hpp"
#include "daemon/report/optimize_data.hpp"
#include "daemon/report/optimize_html.hpp"
#include "daemon/report/report_data.hpp"
#include "daemon/report/report_html.hpp"
#include "daemon/report/run_parameters.hpp"
#include "daemon/report/svg_chart.hpp"
#include "storage/journal_reader.hpp"

namespace strike::daemon {

namespace {

constexpr const char* index_instrument = "NSE:99926000";  // NIFTY 50, drawn beside the equity

constexpr const char* usage =
    "usage: striked report JOURNAL|DIR [--compare JOURNAL] [--out FILE.html] [--capital RUPEES]\n"
    "       striked report OPTIMIZE_DIR [--out FILE.html]\n";

int fail(int code, const std::string& message) {
  std::fprintf(stderr, "striked report: %s\n", message.c_str());
  return code;
}

// Every event of the journal in dir to fold, in journal order.
template <class Fold>
status read_all(const std::filesystem::path& dir, Fold fold) {
  auto read = storage::read_journal(dir, 0, [&](const events::event& e) -> status {
    fold(e);
    return {};
  });
  if (!read) return read.error();
  return {};
}

// A journal's name on the page: its mode, as DaemonStarted says, else what the user named it.
std::string label_of(const report::report_data& d, const std::filesystem::path& given) {
  if (!d.header.mode.empty()) return d.header.mode;
  const auto normal = given.lexically_normal();
  return normal.has_filename() ? normal.filename().string()
                               : normal.parent_path().filename().string();
}

// The comparison section: both journals folded again over the sessions they share only.
result<std::string> comparison(const std::filesystem::path& primary_dir,
                               const std::filesystem::path& primary_given,
                               const report::report_data& primary_whole,
                               const std::filesystem::path& other_given, std::int64_t capital) {
  std::error_code ec;
  if (!std::filesystem::exists(other_given, ec))
    return error{"--compare " + other_given.string() + ": no such journal file or directory"};
  const std::filesystem::path other_dir = journal_dir(other_given);
  if (!has_journal(other_dir))
    return error{"--compare " + other_dir.string() + ": no journal there"};
  report::session_collector ours, theirs;
  report::report_builder other_whole(capital, index_instrument);
  if (auto s = read_all(primary_dir, [&](const events::event& e) { ours.add(e); }); !s)
    return s.error();
  if (auto s = read_all(other_dir,
                        [&](const events::event& e) {
                          theirs.add(e);
                          other_whole.add(e);
                        });
      !s)
    return s.error();
  std::set<std::string> shared;
  const auto a = ours.result(), b = theirs.result();
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(),
                        std::inserter(shared, shared.end()));
  const auto fold_shared = [&](const std::filesystem::path& dir) -> result<report::report_data> {
    report::report_builder builder(capital, index_instrument);
    report::session_filter filter(shared);
    auto s = read_all(dir, [&](const events::event& e) {
      if (filter.keep(e)) builder.add(e);
    });
    if (!s) return s.error();
    return builder.result();
  };
  auto primary = fold_shared(primary_dir);
  if (!primary) return primary.error();
  auto other = fold_shared(other_dir);
  if (!other) return other.error();
  report::compared_run left{label_of(primary_whole, primary_given), std::move(*primary)};
  report::compared_run right{label_of(other_whole.result(), other_given), std::move(*other)};
  if (left.label == right.label) {  // two backtests, say: told apart by what the user named
    left.label += " (" + primary_given.lexically_normal().string() + ")";
    right.label += " (" + other_given.lexically_normal().string() + ")";
  }
  return report::section("compare", ("Compared with " + report::escape_html(right.label)).c_str(),
                         report::compare_html(left, right, shared));
}

status write_report(const std::filesystem::path& out, const std::string& html) {
  if (auto w = base::write_file_atomic(out, html, 0644); !w) return w;
  std::printf("%s\n", out.c_str());
  return {};
}

}  // namespace

int report_command(args& a) {
  const auto out_text = a.option("--out");
  const auto capital_text = a.option("--capital");
  const auto compare_text = a.option("--compare");
  const auto rest = a.positionals();
  if (a.unused() || rest.size() != 1) {
    std::fputs(usage, stderr);
    return exit_code::usage;
  }
  std::int64_t capital = 10'00'000'00;  // ₹10 lakh, as `striked stats` takes by default
  if (capital_text) {
    char* end = nullptr;
    const long long rupees = std::strtoll(capital_text->c_str(), &end, 10);
    if (capital_text->empty() || *end != '\0' || rupees <= 0)
      return fail(exit_code::usage,
                  "--capital " + *capital_text + ": rupees, a whole number above 0");
    capital = rupees * 100;
  }
  const std::filesystem::path given = rest.front();
  std::error_code ec;
  if (!std::filesystem::exists(given, ec))
    return fail(exit_code::usage, given.string() + ": no such journal file or directory");
  // An optimisation's files are .jsonl too, so it is told from a journal by their names.
  if (std::filesystem::is_directory(given, ec) && report::is_optimization_dir(given)) {
    if (compare_text || capital_text)
      return fail(exit_code::usage, given.string() +
                                        ": an optimisation's directory takes neither --compare "
                                        "nor --capital");
    auto data = report::read_optimization(given);
    if (!data) return fail(exit_code::failure, data.error().message);
    const auto out = out_text ? std::filesystem::path(*out_text) : given / "report.html";
    if (auto w = write_report(out, report::optimization_html(*data)); !w)
      return fail(exit_code::failure, w.error().message);
    return exit_code::ok;
  }
  const std::filesystem::path dir = journal_dir(given);
  if (!has_journal(dir)) return fail(exit_code::usage, dir.string() + ": no journal there");

  report::report_builder builder(capital, index_instrument);
  if (auto read = read_all(dir, [&](const events::event& e) { builder.add(e); }); !read)
    return fail(exit_code::failure, read.error().message);
  report::report_data data = builder.result();
  report::read_run_parameters(data.header);
  std::string compared;
  if (compare_text) {
    auto section = comparison(dir, given, data, *compare_text, capital);
    if (!section)
      return fail(
          section.error().message.starts_with("--compare") ? exit_code::usage : exit_code::failure,
          section.error().message);
    compared = std::move(*section);
  }
  const auto out = out_text ? std::filesystem::path(*out_text) : dir / "report.html";
  if (auto w = write_report(out, report::report_html(data, compared)); !w)
    return fail(exit_code::failure, w.error().message);
  return exit_code::ok;
}

}  // namespace strike::daemon
