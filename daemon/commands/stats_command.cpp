// `striked stats JOURNAL|DIR [--json] [--capital RUPEES] [--by-instance]`: the trading
// statistics of any journal, and with --by-instance those of each strategy instance too.
#include <cstdio>
#include <cstdlib>

#include "core/report/instance_stats.hpp"
#include "core/report/trading_stats.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/commands/journal_tools.hpp"
#include "daemon/commands/stats_format.hpp"
#include "daemon/exit_codes.hpp"
#include "storage/journal_reader.hpp"

namespace strike::daemon {

int stats_command(args& a) {
  const bool json = a.flag("--json");
  const bool by_instance = a.flag("--by-instance");
  const auto capital_text = a.option("--capital");
  const auto rest = a.positionals();
  if (a.unused() || rest.size() != 1) {
    std::fputs("usage: striked stats JOURNAL|DIR [--json] [--capital RUPEES] [--by-instance]\n",
               stderr);
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
  core::report::instance_stats_builder instances(capital);
  auto read = storage::read_journal(dir, 0, [&](const events::event& e) -> status {
    builder.add(e);
    if (by_instance) instances.add(e);
    return {};
  });
  if (!read) {
    std::fprintf(stderr, "striked stats: %s\n", read.error().message.c_str());
    return exit_code::failure;
  }
  const auto s = builder.result();
  std::string text;
  if (!by_instance) {
    text = json ? stats_json(s) : stats_table(s);
  } else if (json) {
    // {"account": {...}, "instances": {"name": {...}, ...}}
    auto one = [](const core::report::trading_stats& t) {
      std::string j = stats_json(t);
      while (!j.empty() && j.back() == '\n') j.pop_back();
      return j;
    };
    text = "{\"account\":" + one(s) + ",\"instances\":{";
    bool first = true;
    for (const auto& [name, t] : instances.result()) {
      text += (first ? "\"" : ",\"") + name + "\":" + one(t);
      first = false;
    }
    text += "}}\n";
  } else {
    text = "account\n" + stats_table(s);
    for (const auto& [name, t] : instances.result())
      text += "\ninstance " + name + "\n" + stats_table(t);
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return exit_code::ok;
}

}  // namespace strike::daemon
