// `striked report JOURNAL|DIR [--out FILE.html] [--capital RUPEES]`: one self-contained HTML
// page of a journal's trades, statistics and charts (daemon/report).
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "base/file_io.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/commands/journal_tools.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/report/report_data.hpp"
#include "daemon/report/report_html.hpp"
#include "storage/journal_reader.hpp"

namespace strike::daemon {

namespace {

constexpr const char* index_instrument = "NSE:99926000";  // NIFTY 50, drawn beside the equity

int fail(int code, const std::string& message) {
  std::fprintf(stderr, "striked report: %s\n", message.c_str());
  return code;
}

}  // namespace

int report_command(args& a) {
  const auto out_text = a.option("--out");
  const auto capital_text = a.option("--capital");
  const auto rest = a.positionals();
  if (a.unused() || rest.size() != 1) {
    std::fputs("usage: striked report JOURNAL|DIR [--out FILE.html] [--capital RUPEES]\n", stderr);
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
  const std::filesystem::path dir = journal_dir(given);
  if (!has_journal(dir)) return fail(exit_code::usage, dir.string() + ": no journal there");

  report::report_builder builder(capital, index_instrument);
  auto read = storage::read_journal(dir, 0, [&](const events::event& e) -> status {
    builder.add(e);
    return {};
  });
  if (!read) return fail(exit_code::failure, read.error().message);
  const std::string html = report::report_html(builder.result());
  const std::filesystem::path out =
      out_text ? std::filesystem::path(*out_text) : dir / "report.html";
  if (auto w = base::write_file_atomic(out, html, 0644); !w)
    return fail(exit_code::failure, w.error().message);
  std::printf("%s\n", out.c_str());
  return exit_code::ok;
}

}  // namespace strike::daemon
