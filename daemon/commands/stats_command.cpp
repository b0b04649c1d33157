// `striked stats JOURNAL|DIR [--json] [--capital RUPEES]`: the trading statistics of any journal.
#include <cstdio>
#include <cstdlib>

#include "core/report/trading_stats.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/commands/journal_tools.hpp"
#include "daemon/commands/stats_format.hpp"
#include "daemon/exit_codes.hpp"
#include "storage/journal_reader.hpp"

namespace strike::daemon {

int stats_command(args& a) {
  const bool json = a.flag("--json");
  const auto capital_text = a.option("--capital");
  const auto rest = a.positionals();
  if (a.unused() || rest.size() != 1) {
    std::fputs("usage: striked stats JOURNAL|DIR [--json] [--capital RUPEES]\n", stderr);
    return exit_code::usage;
  }
  std::int64_t capital = 10'00'000'00;  // the default risk capital, ₹10 lakh
  if (capital_text) {
    char* end = nullptr;
    const long long rupees = std::strtoll(capital_text->c_str(), &end, 10);
    if (capital_text->empty() || *end != '\0' || rupees <= 0) {
      std::fprintf(stderr, "striked stats: --capital %s: rupees, a whole number above 0\n",
                   capital_text->c_str());
      return exit_code::usage;
    }
    capital = rupees * 100;
  }
  const std::filesystem::path dir = journal_dir(rest.front());
  if (!has_journal(dir)) {
    std::fprintf(stderr, "striked stats: %s: no journal there\n", dir.c_str());
    return exit_code::usage;
  }
  core::report::trading_stats_builder builder(capital);
  auto read = storage::read_journal(dir, 0, [&](const events::event& e) -> status {
    builder.add(e);
    return {};
  });
  if (!read) {
    std::fprintf(stderr, "striked stats: %s\n", read.error().message.c_str());
    return exit_code::failure;
  }
  const auto s = builder.result();
  const std::string text = json ? stats_json(s) : stats_table(s);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return exit_code::ok;
}

}  // namespace strike::daemon
